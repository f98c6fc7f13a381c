/**
 * "Gerät hinzufügen" in the Lenkungskreis inbox: a signed-in member makes a single-use,
 * ten-minute link (shown with a copy button and a QR code) that binds another device, and sees
 * and removes the devices that hold their access. Removing the device in use asks first, since
 * it ends the access here.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LenkungskreisDevice, LenkungskreisDeviceLink } from '../../shared/decisionApi';
import { Alert } from '../components/Alert';
import { ConfirmDialog } from '../components/Dialog';
import { errorMessage } from '../data/errors';
import { decisionApi } from '../data/http/decisionApi';
import { useFetch } from '../data/http/useFetch';
import { CopyButton, InvitationQr } from './LenkungskreisCommon';
import { formatDateTime } from './LenkungskreisModel';

export function DevicePanel({ token, onCurrentRemoved }: { token: string; onCurrentRemoved: () => void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const devices = useFetch(['lk-devices', token], async (signal) => (await decisionApi.devices(token, signal)).devices);
  const [link, setLink] = useState<LenkungskreisDeviceLink | undefined>();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [notice, setNotice] = useState('');
  const [confirmCurrent, setConfirmCurrent] = useState<LenkungskreisDevice | undefined>();
  const linkRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (link) linkRef.current?.focus();
  }, [link]);

  const nameOf = (d: LenkungskreisDevice) => d.label || (d.id === devices.data?.[0]?.id ? t('lenkungskreis.device.panel.firstDevice') : t('lenkungskreis.device.panel.unnamed'));

  async function create() {
    setError(undefined);
    setCreating(true);
    try {
      setLink(await decisionApi.createDeviceLink(token));
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setCreating(false);
    }
  }

  async function remove(device: LenkungskreisDevice) {
    setError(undefined);
    try {
      await decisionApi.revokeDevice(token, device.id);
      if (device.current) return onCurrentRemoved();
      setNotice(t('lenkungskreis.device.panel.removed', { name: nameOf(device) }));
      devices.reload();
    } catch (err) {
      setError(errorMessage(t, err));
    }
  }

  const active = devices.data?.filter((d) => !d.revokedAt);
  return (
    <section className="wr-panel wr-lk-devices" aria-labelledby={`${id}-title`} data-testid="lk-devices">
      <h2 id={`${id}-title`} className="kern-heading-small">
        {t('lenkungskreis.device.panel.title')}
      </h2>
      <p className="kern-body">{t('lenkungskreis.device.panel.intro')}</p>
      {error ? (
        <Alert variant="danger" title={t('errors.title')} testId="lk-devices-error" live="alert">
          <p className="kern-body">{error}</p>
        </Alert>
      ) : null}
      {link ? (
        <div className="wr-lk-created" data-testid="lk-device-link-created">
          <div className="kern-form-input">
            <label className="kern-label" htmlFor={`${id}-link`}>
              {t('lenkungskreis.device.panel.link')}
            </label>
            <input
              ref={linkRef}
              id={`${id}-link`}
              className="kern-form-input__input wr-lk-link"
              readOnly
              value={link.url}
              aria-describedby={`${id}-valid`}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="lk-device-link"
            />
          </div>
          <p className="kern-body kern-body--small" id={`${id}-valid`}>
            {t('lenkungskreis.device.panel.validUntil', { date: formatDateTime(link.expiresAt, i18n.language) })}
          </p>
          <p className="wr-actions">
            <CopyButton text={link.url} label={t('lenkungskreis.device.panel.copy')} testId="lk-device-link-copy" />
          </p>
          <InvitationQr value={link.url} label={t('lenkungskreis.device.panel.qr')} />
          <p className="wr-actions">
            <button
              type="button"
              className="kern-btn kern-btn--secondary"
              data-testid="lk-device-link-done"
              onClick={() => {
                setLink(undefined);
                devices.reload();
              }}
            >
              <span className="kern-label">{t('lenkungskreis.device.panel.done')}</span>
            </button>
          </p>
        </div>
      ) : (
        <p className="wr-actions">
          <button type="button" className="kern-btn kern-btn--primary" onClick={() => void create()} disabled={creating} data-testid="lk-device-link-create">
            <span className="kern-icon kern-icon--add" aria-hidden="true" />
            <span className="kern-label">{creating ? t('lenkungskreis.device.panel.creating') : t('lenkungskreis.device.panel.create')}</span>
          </button>
        </p>
      )}

      <h3 className="kern-heading-x-small">{t('lenkungskreis.device.panel.devices')}</h3>
      <div role="status" className="kern-body kern-body--small">
        {notice}
      </div>
      {!active && devices.error === undefined ? (
        <p className="kern-body">{t('lenkungskreis.device.panel.loading')}</p>
      ) : !active ? (
        <Alert variant="danger" title={t('errors.title')}>
          <p className="kern-body">{errorMessage(t, devices.error)}</p>
          <p>
            <button type="button" className="kern-btn kern-btn--secondary" onClick={devices.reload}>
              <span className="kern-label">{t('lenkungskreis.retry')}</span>
            </button>
          </p>
        </Alert>
      ) : (
        <ul className="wr-lk-device-list" data-testid="lk-device-list">
          {active.map((d) => (
            <li key={d.id} className="wr-lk-device" data-testid="lk-device-row" data-current={d.current ? 'true' : undefined}>
              <span>
                <strong>{nameOf(d)}</strong>
                {d.current ? <span className="kern-badge kern-badge--info wr-lk-device__current">
                    <span className="kern-label">{t('lenkungskreis.device.panel.current')}</span>
                  </span> : null}
                <span className="wr-lk-block kern-body--small wr-muted">
                  {t('lenkungskreis.device.panel.since')} {formatDateTime(d.createdAt, i18n.language)}
                </span>
              </span>
              <button
                type="button"
                className="kern-btn kern-btn--tertiary kern-btn--x-small"
                aria-label={t('lenkungskreis.device.panel.removeLabel', { name: nameOf(d) })}
                data-testid="lk-device-remove"
                onClick={() => (d.current ? setConfirmCurrent(d) : void remove(d))}
              >
                <span className="kern-icon kern-icon--delete" aria-hidden="true" />
                <span className="kern-label">{t('lenkungskreis.device.panel.remove')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {confirmCurrent ? (
        <ConfirmDialog
          title={t('lenkungskreis.device.panel.removeCurrentTitle')}
          text={t('lenkungskreis.device.panel.removeCurrentText')}
          confirmLabel={t('lenkungskreis.device.panel.remove')}
          testId="lk-device-remove-current"
          onCancel={() => setConfirmCurrent(undefined)}
          onConfirm={() => {
            const d = confirmCurrent;
            setConfirmCurrent(undefined);
            void remove(d);
          }}
        />
      ) : null}
    </section>
  );
}
