// A realistic, deterministic TF.js file of about N lines for benchmarks: many convnet and MLP
// builders in TypeScript, each called and fed by a predict, plus tensor preprocessing with core ops.
export function syntheticTfjsFile(lines: number): string {
  const out: string[] = ["import * as tf from '@tensorflow/tfjs';", ''];
  let i = 0;
  while (out.length < lines) {
    const f = 8 + (i % 5) * 4;
    out.push(
      '',
      `function buildModel${i}(numClasses: number): tf.Sequential {`,
      '  const model = tf.sequential();',
      `  model.add(tf.layers.conv2d({ inputShape: [28, 28, 1], filters: ${f}, kernelSize: 3, activation: 'relu' }));`,
      '  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));',
      `  model.add(tf.layers.conv2d({ filters: ${2 * f}, kernelSize: 3, activation: 'relu' }));`,
      '  model.add(tf.layers.flatten());',
      '  model.add(tf.layers.dense({ units: 64, activation: \'relu\' }));',
      '  model.add(tf.layers.dense({ units: numClasses, activation: \'softmax\' }));',
      '  return model;',
      '}',
      '',
      `function preprocess${i}(pixels: tf.Tensor): tf.Tensor {`,
      '  const scaled = pixels.div(255);',
      '  const centered = scaled.sub(scaled.mean());',
      '  return centered.reshape([-1, 28, 28, 1]);',
      '}',
      '',
      `const model${i} = buildModel${i}(10);`,
      `const images${i} = preprocess${i}(tf.randomUniform([${2 + (i % 4)}, 784]));`,
      `const probs${i} = model${i}.predict(images${i}) as tf.Tensor;`,
      `const labels${i} = probs${i}.argMax(-1);`,
    );
    i++;
  }
  return `${out.join('\n')}\n`;
}
