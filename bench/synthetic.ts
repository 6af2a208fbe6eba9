/** Generated documents the benchmark (and profiling scripts) measure with. */

/** A valid valohai.yaml of about `lines` lines. */
export function syntheticDocument(lines: number): string {
  const out: string[] = [];
  for (let i = 0; out.length < lines; i++) {
    out.push(
      '- step:',
      `    name: step-${i}`,
      '    image: tensorflow/tensorflow:2.15.0-gpu',
      '    command: python train.py {parameters}',
      '    parameters:',
      '      - name: learning_rate',
      '        type: float',
      '        default: 0.001',
    );
  }
  return out.slice(0, lines - (lines % 8)).join('\n') + '\n';
}

/** A valohai.yaml with 20 steps and two pipelines: `a` with 2 nodes and 1 edge, `b` with `nodes` nodes and `edges` edges between neighbouring columns. */
export function syntheticPipeline(nodes: number, edges: number): string {
  const out: string[] = [];
  for (let i = 0; i < 20; i++) {
    out.push('- step:', `    name: s${i}`, '    image: busybox', '    command: date', '    inputs:', '      - name: in-a', '      - name: in-b');
    out.push('    outputs:', '      - name: out-a', '      - name: out-b', '    parameters:', '      - name: lr', '        type: float', '        default: 0.1');
  }
  out.push(...pipelineItem('a', 2, 1), ...pipelineItem('b', nodes, edges));
  return out.join('\n') + '\n';
}

function pipelineItem(name: string, nodes: number, edges: number): string[] {
  const out = ['- pipeline:', `    name: ${name}`, '    nodes:'];
  for (let i = 0; i < nodes; i++) out.push(`      - name: n${i}`, '        type: execution', `        step: s${i % 20}`);
  out.push('    edges:');
  let seed = 1;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const width = 10;
  const seen = new Set<string>();
  while (seen.size < edges) {
    const layer = Math.floor(rnd() * Math.max(1, nodes / width - 1));
    const a = layer * width + Math.floor(rnd() * width);
    const b = Math.min(nodes - 1, (layer + (rnd() < 0.8 ? 1 : 2)) * width + Math.floor(rnd() * width));
    const edge = `      - [n${a}.output.out-${rnd() < 0.5 ? 'a' : 'b'}, n${b}.input.in-${rnd() < 0.5 ? 'a' : 'b'}]`;
    if (!seen.has(edge)) seen.add(edge);
  }
  out.push(...seen);
  return out;
}


/**
 * A valohai.yaml of about `lines` lines full of names in use: steps whose commands name their
 * parameters, tasks over them, and a pipeline whose nodes run the steps and whose edges and
 * parameter targets name the nodes — what "Find all references" searches.
 */
export function syntheticReferences(lines: number): string {
  const out: string[] = [];
  const steps = Math.max(1, Math.floor((lines * 0.7) / 12));
  for (let i = 0; i < steps; i++) {
    out.push(
      '- step:',
      `    name: step-${i}`,
      '    image: python:3.12',
      '    command: python train.py --lr={parameter:learning_rate} --epochs={parameter:epochs}',
      '    parameters:',
      '      - name: learning_rate',
      '        type: float',
      '        default: 0.001',
      '      - name: epochs',
      '        type: integer',
      '        default: 3',
      '    inputs: [{name: data}]',
    );
  }
  out.push('- pipeline:', '    name: all', '    parameters:', '      - name: lr', '        targets:');
  const nodes = Math.max(2, Math.floor((lines - out.length) / 8));
  for (let i = 0; i < nodes; i++) out.push(`          - n${i}.parameter.learning_rate`);
  out.push('    nodes:');
  for (let i = 0; i < nodes; i++) out.push(`      - {name: n${i}, type: execution, step: step-${i % 3}}`);
  out.push('    edges:');
  for (let i = 1; out.length < lines; i++) out.push(`      - [n${(i - 1) % nodes}.output.*, n${i % nodes}.input.data]`);
  return out.join('\n') + '\n';
}
