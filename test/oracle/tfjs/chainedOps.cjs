// TF.js's chained tensor methods (`x.reshape([2, 3])`, `x.flatten()`), registered the way the
// `@tensorflow/tfjs` bundle registers them: tfjs-core ships each one as an ES module
// (dist/public/chained_ops/*.js) that its CommonJS build leaves out. Each file's own body is run
// here with the ops it imports, so the methods are exactly TF.js's.
const fs = require('node:fs');
const path = require('node:path');

function registerChainedOps(tf) {
  const dir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-core/package.json')), 'dist', 'public', 'chained_ops');
  const resolve = (name) => tf[name] ?? tf.image[name] ?? tf.linalg[name] ?? tf.spectral[name] ?? tf.util[name];
  let count = 0;
  for (const file of fs.readdirSync(dir).sort()) {
    if (!file.endsWith('.js') || file.endsWith('_test.js') || file.startsWith('register_all')) continue;
    const text = fs.readFileSync(path.join(dir, file), 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, '');
    const names = [];
    const body = text.replace(/^import\s*\{([^}]*)\}\s*from\s*'[^']*';\s*$/gm, (_, list) => {
      for (const part of list.split(',')) {
        const [orig, alias] = part.trim().split(/\s+as\s+/);
        if (orig && orig !== 'getGlobalTensorClass') names.push([alias ?? orig, orig]);
      }
      return '';
    }).replace(/getGlobalTensorClass\(\)/g, 'Tensor');
    const fn = new Function('Tensor', ...names.map(([n]) => n), body);
    fn(tf.Tensor, ...names.map(([, orig]) => resolve(orig)));
    count++;
  }
  return count;
}

module.exports = { registerChainedOps };
