/**
 * A YAML list of links for `sindex table`: each item a map with `expr` (required), and optional
 * `name` (what the table's link column shows instead of the expression), `set` (parameter values)
 * and `noise`. A name left without a value in `set` is a free parameter: the link is then parsed with
 * free parameters and `sindex table` writes one row per case (src/table/symbolicRows.ts). A link that
 * names z1..z6 is a multi-index link (parsed with `variables: 'multi'`, every parameter set; its row
 * from src/table/multiRows.ts). Other keys are ignored, so the test catalogs cases/links.yaml and
 * cases/multiIndex.yaml read as they are. Every problem is reported with its line number.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { OutOfRangeError, isSindexError } from '../errors.js';
import { Rational } from '../exact/rational.js';
import { isMultiIndexSource } from '../expr/names.js';
import { isParameterName } from '../expr/parse.js';
import { type Link, linkOf } from '../expr/link.js';
import { hasFreeParameters } from '../symbolic/freeParameters.js';
import type { LinkEntry } from './rows.js';

/**
 * @example readCatalog('- expr: He3(z)\n  name: He3\n', 'links.yaml')[0].link.source // 'He3(z)'
 * @example readCatalog('- expr: He3(z)\n', 'links.yaml')[0].name // undefined
 * @example readCatalog('- expr: z1*z2\n', 'links.yaml')[0].link.expr.kind // 'mul'
 */
export function readCatalog(text: string, source: string): LinkEntry[] {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: Node | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1);
  const fail = (line: number, message: string): never => {
    throw new OutOfRangeError(`${source}:${line}: ${message}`);
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    fail(lines.linePos(e.pos[0]).line, `not valid YAML: ${e.message.split('\n')[0]}`);
  }
  if (!isSeq(doc.contents)) fail(at(doc.contents as Node), 'expected a list of links (- expr: ...)');
  const out: LinkEntry[] = [];
  for (const item of (doc.contents as { items: unknown[] }).items) {
    const node = item as Node;
    if (!isMap(node)) fail(at(node), 'each link is a map with at least an expr key');
    const map = node as unknown as { get(key: string, keepScalar: true): Node | undefined };
    const exprNode = map.get('expr', true);
    if (!exprNode || !isScalar(exprNode) || typeof exprNode.value !== 'string') fail(at(exprNode ?? node), 'expr is missing or not a string');
    const expr = (exprNode as unknown as { value: string }).value;
    const nameNode = map.get('name', true);
    if (nameNode && !isScalar(nameNode)) fail(at(nameNode), 'name must be text, e.g. name: ReLU');
    const nameText = nameNode && isScalar(nameNode) && nameNode.value !== null ? String(nameNode.value).replace(/\s+/g, ' ').trim() : '';
    const name = nameText === '' ? undefined : nameText;
    const parameters = new Map<string, Rational>();
    const setNode = map.get('set', true);
    if (setNode) {
      if (!isMap(setNode)) fail(at(setNode), 'set must map parameter names to numbers, e.g. set: {a: 2}');
      for (const pair of (setNode as unknown as { items: { key: Node; value: Node }[] }).items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        if (!isParameterName(key)) fail(at(pair.key), `'${key}' cannot be a parameter name`);
        try {
          parameters.set(key, Rational.parse(String(isScalar(pair.value) ? pair.value.value : '')));
        } catch {
          fail(at(pair.value), `the value of ${key} must be a number such as 2, 0.5 or 1/3`);
        }
      }
    }
    let noise: Rational | undefined;
    const noiseNode = map.get('noise', true);
    if (noiseNode) {
      try {
        noise = Rational.parse(String(isScalar(noiseNode) ? noiseNode.value : ''));
      } catch {
        fail(at(noiseNode), 'noise must be a number ≥ 0');
      }
      if (noise!.sign() < 0) fail(at(noiseNode), 'noise must be a number ≥ 0');
    }
    let link: Link;
    try {
      // a link in z1..z6 (issue 16) is a multi-index link; its parameters must all be set
      link = isMultiIndexSource(expr, parameters.keys())
        ? linkOf(expr, { parameters, variables: 'multi' })
        : hasFreeParameters(expr, parameters)
          ? linkOf(expr, { parameters, freeParameters: true })
          : linkOf(expr, { parameters });
    } catch (e) {
      if (isSindexError(e)) fail(at(exprNode), `${name ?? expr}: ${e.message}`);
      throw e;
    }
    out.push({ name, link: link!, noise, ...(parameters.size > 0 ? { parameters } : {}) });
  }
  return out;
}
