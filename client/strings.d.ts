/**
 * The locale files split into what every page needs and parts loaded with their views, served by
 * the build (tools/localeParts.ts): `virtual:werkraum-strings/<language>` and
 * `virtual:werkraum-strings/<language>/<part>`. Keys are typed through i18next.d.ts.
 */
declare module 'virtual:werkraum-strings/*' {
  const strings: Record<string, unknown>;
  export default strings;
}
