/**
 * A document as the projector reads it: live and read-only, authenticated by the moderator's
 * login cookie (`?projector=1`, no token), without an offline copy and without presence of its
 * own (the server drops it as well). Nothing typed on the projector is ever sent: the server
 * drops a projector's updates like an observer's.
 */
import { useEffect, useState } from 'react';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { Paths, PROTOCOL_VERSION, YjsParams } from '../../../shared/protocol';

export interface ProjectorDoc {
  name: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The first sync with the server is done (content shown is the room's). */
  synced: boolean;
}

export function useProjectorDoc(docName: string | undefined): ProjectorDoc | undefined {
  const [state, setState] = useState<ProjectorDoc | undefined>();
  useEffect(() => {
    if (!docName) return;
    const doc = new Y.Doc();
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const provider = new WebsocketProvider(`${scheme}://${location.host}${Paths.yjs}`, encodeURIComponent(docName), doc, {
      params: { [YjsParams.projector]: '1', [YjsParams.protocolVersion]: String(PROTOCOL_VERSION) },
    });
    provider.awareness.setLocalState(null);
    const publish = () => setState({ name: docName, doc, provider, synced: provider.synced });
    provider.on('sync', publish);
    publish();
    return () => {
      provider.off('sync', publish);
      provider.destroy();
      setTimeout(() => doc.destroy(), 0);
      setState(undefined);
    };
  }, [docName]);
  return state && state.name === docName ? state : undefined;
}
