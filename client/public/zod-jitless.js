// Runs before the app's modules (a classic script, executed before deferred module scripts).
// The server's Content-Security-Policy has no 'unsafe-eval'; zod's JIT probes `new Function`
// when the first object schema is built, and the browser reports that probe as a policy
// violation even though zod catches it. zod reads this global configuration when it loads;
// without the JIT it parses the same way, a little slower.
globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig || {}, { jitless: true });
