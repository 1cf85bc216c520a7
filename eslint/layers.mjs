// Import rules that hold the architecture in place, as VS Code's `code-import-patterns` does for
// its base → platform → editor → workbench layers:
//
// - `steward/layers`: inside electron/, every file belongs to a layer, and an import may only run
//   down (or stay level). A type-only import may run up, but only into the contract's declared
//   vocabulary (`typeUpInto`) and never from a `strict` layer: the ledger knows no feature, not
//   even its types.
// - `steward/renderer-imports`: the renderer reaches core for types only, plus the zod-free shared
//   modules (`values`), so no schema or Node code lands in its bundle.
//
// Paths are relative to the repository root; a layer lists path prefixes (a folder ends in "/").
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/** The import's target, relative to the root, with a .ts/.tsx ending, or null for a package. */
function resolveTarget(fromFile, source) {
  if (!source.startsWith('.')) return null;
  const abs = path.resolve(path.dirname(fromFile), source);
  const r = rel(abs);
  return /\.(m?[jt]sx?|json|css)$/.test(r) ? r : `${r}.ts`;
}

function layerOf(layers, file) {
  let best = null;
  for (const [index, layer] of layers.entries()) {
    for (const prefix of layer.paths) {
      const hit = prefix.endsWith('/') ? file.startsWith(prefix) : file === prefix || file === `${prefix}.ts`;
      if (hit && (best === null || prefix.length > best.prefix.length)) best = { index, layer, prefix };
    }
  }
  return best;
}

/** True when the whole statement brings in types only (import type …, or every specifier typed). */
function typeOnly(node) {
  if (node.importKind === 'type' || node.exportKind === 'type') return true;
  const specifiers = node.specifiers ?? [];
  return specifiers.length > 0 && specifiers.every((s) => s.importKind === 'type' || s.exportKind === 'type');
}

function sources(context, check) {
  const visit = (node) => {
    if (node.source && typeof node.source.value === 'string') check(node, node.source.value);
  };
  return {
    ImportDeclaration: visit,
    ExportNamedDeclaration: visit,
    ExportAllDeclaration: visit,
    ImportExpression(node) {
      if (node.source.type === 'Literal' && typeof node.source.value === 'string')
        check(node, node.source.value);
    },
  };
}

const layers = {
  meta: {
    type: 'problem',
    docs: { description: 'An import may not run up a layer.' },
    schema: [
      {
        type: 'object',
        properties: {
          layers: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                paths: { type: 'array', items: { type: 'string' } },
                strict: { type: 'boolean' },
              },
              required: ['name', 'paths'],
              additionalProperties: false,
            },
          },
          typeUpInto: { type: 'array', items: { type: 'string' } },
        },
        required: ['layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      up: '{{from}} (layer "{{fromLayer}}") may not import {{to}} (layer "{{toLayer}}"): imports run down the layers ({{order}}).',
      strictType:
        '{{from}} is in the strict layer "{{fromLayer}}": it may not import even types from {{to}} (layer "{{toLayer}}").',
    },
  },
  create(context) {
    const { layers: table, typeUpInto = [] } = context.options[0];
    const file = rel(context.filename);
    const own = layerOf(table, file);
    if (own === null) return {};
    return sources(context, (node, source) => {
      const target = resolveTarget(context.filename, source);
      if (target === null) return;
      const theirs = layerOf(table, target);
      if (theirs === null || theirs.index <= own.index) return;
      const data = {
        from: file,
        to: target,
        fromLayer: own.layer.name,
        toLayer: theirs.layer.name,
        order: table.map((l) => l.name).join(' < '),
      };
      if (typeOnly(node) && typeUpInto.some((p) => target.startsWith(p))) {
        if (own.layer.strict) context.report({ node, messageId: 'strictType', data });
        return;
      }
      context.report({ node, messageId: 'up', data });
    });
  },
};

const rendererImports = {
  meta: {
    type: 'problem',
    docs: { description: 'The renderer imports core for types only, plus the zod-free shared modules.' },
    schema: [
      {
        type: 'object',
        properties: {
          core: { type: 'string' },
          values: { type: 'array', items: { type: 'string' } },
        },
        required: ['core', 'values'],
        additionalProperties: false,
      },
    ],
    messages: {
      value:
        '{{to}} may be imported by the renderer for types only (`import type`): its values would put core code (schemas, Node) in the page. Values may come from: {{allowed}}.',
    },
  },
  create(context) {
    const { core, values } = context.options[0];
    return sources(context, (node, source) => {
      const target = resolveTarget(context.filename, source);
      if (target === null || !target.startsWith(core)) return;
      if (typeOnly(node)) return;
      if (values.some((v) => target === v || target === `${v}.ts`)) return;
      context.report({ node, messageId: 'value', data: { to: target, allowed: values.join(', ') } });
    });
  },
};

export default { rules: { layers, 'renderer-imports': rendererImports } };
