// The `@tensorflow/tfjs` namespace as its index composes it: tfjs-core (with all gradients and
// chained tensor methods registered), the CPU backend, tfjs-layers. Load with register.mjs.
// TF.js logs a suggestion to install tfjs-node, and warnings for some configs; the oracles need none of it.
console.warn = () => {};
const core = await import('@tensorflow/tfjs-core');
await import('@tensorflow/tfjs-core/dist/register_all_gradients');
await import('@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops');
await import('@tensorflow/tfjs-backend-cpu');
const layers = await import('@tensorflow/tfjs-layers');

await core.setBackend('cpu');

export const tf = { ...core, ...layers };
export { core, layers };
