/**
 * A tiny XML parser for the plot tests (DOMParser is not in Node): checks well-formedness
 * (one root, matched and properly nested tags, quoted unique attributes, known entities, no
 * stray '<' or '&') and returns the element tree.
 */

export interface XmlElement {
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Character data directly inside this element (entities decoded). */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`'<' in character data near ${where}`);
  return raw.replace(/&([^;\s&]*);?/g, (m, name: string) => {
    if (!m.endsWith(';')) throw new Error(`unterminated entity '${m}' near ${where}`);
    if (name in ENTITIES) return ENTITIES[name]!;
    const num = /^#(x[0-9a-fA-F]+|[0-9]+)$/.exec(name);
    if (num) return String.fromCodePoint(num[1]!.startsWith('x') ? parseInt(num[1]!.slice(1), 16) : Number(num[1]));
    throw new Error(`unknown entity '${m}' near ${where}`);
  });
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;

export function parseXml(source: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(source.slice(i))![0].length;
      i += ws;
      if (source.startsWith('<?', i)) {
        const end = source.indexOf('?>', i);
        if (end < 0) throw new Error('unterminated processing instruction');
        i = end + 2;
      } else if (source.startsWith('<!--', i)) {
        const end = source.indexOf('-->', i);
        if (end < 0) throw new Error('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  skipMisc();
  while (i < source.length) {
    if (stack.length === 0 && root !== null) {
      skipMisc();
      if (i < source.length) throw new Error(`content after the root element at ${i}`);
      break;
    }
    if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
    } else if (source.startsWith('</', i)) {
      const m = /^<\/([A-Za-z_:][-A-Za-z0-9_:.]*)\s*>/.exec(source.slice(i));
      if (!m) throw new Error(`bad end tag at ${i}`);
      const open = stack.pop();
      if (!open || open.name !== m[1]) throw new Error(`end tag </${m[1]}> does not match <${open?.name ?? '(none)'}> at ${i}`);
      i += m[0].length;
    } else if (source[i] === '<') {
      i++;
      const n = NAME.exec(source.slice(i));
      if (!n) throw new Error(`bad tag name at ${i}`);
      const name = n[0];
      i += name.length;
      const attrs: Record<string, string> = {};
      for (;;) {
        const ws = /^\s*/.exec(source.slice(i))![0].length;
        i += ws;
        if (source.startsWith('/>', i) || source[i] === '>') break;
        if (ws === 0) throw new Error(`missing space before attribute at ${i}`);
        const a = /^([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(source.slice(i));
        if (!a) throw new Error(`bad attribute at ${i} in <${name}>`);
        if (a[1]! in attrs) throw new Error(`duplicate attribute ${a[1]} in <${name}>`);
        attrs[a[1]!] = decode(a[3] ?? a[4] ?? '', i);
        i += a[0].length;
      }
      const element: XmlElement = { name, attrs, children: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(element);
      else if (root === null) root = element;
      else throw new Error('two root elements');
      if (source.startsWith('/>', i)) i += 2;
      else {
        i += 1;
        stack.push(element);
      }
    } else {
      const next = source.indexOf('<', i);
      const raw = source.slice(i, next < 0 ? source.length : next);
      const parent = stack[stack.length - 1];
      if (!parent) {
        if (raw.trim() !== '') throw new Error(`text outside the root element at ${i}`);
      } else parent.text += decode(raw, i);
      i = next < 0 ? source.length : next;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** All elements below (and including) `e`, depth first. */
export function descendants(e: XmlElement): XmlElement[] {
  return [e, ...e.children.flatMap(descendants)];
}

/** The text of an element and all its descendants, concatenated in document order (approximately: own text first). */
export function textContent(e: XmlElement): string {
  return e.text + e.children.map(textContent).join('');
}

export function byClass(root: XmlElement, cls: string): XmlElement[] {
  return descendants(root).filter((e) => (e.attrs.class ?? '').split(/\s+/).includes(cls));
}

export function pointsOf(polyline: XmlElement): [number, number][] {
  return (polyline.attrs.points ?? '')
    .trim()
    .split(/\s+/)
    .map((p) => p.split(',').map(Number) as [number, number]);
}
