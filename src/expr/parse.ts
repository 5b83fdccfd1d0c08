/**
 * User text → typed, whitelisted `Expr`. mathjs parses (its node tree); this module
 * walks that tree, accepts only the whitelisted node kinds, operators, names and
 * functions, and turns decimals into the exact fractions they spell (`0.1` → 1/10).
 * Nothing is evaluated: no `eval`, no `new Function`, no mathjs `evaluate`.
 */
import {
  create,
  factory,
  createNode,
  createAccessorNode,
  createArrayNode,
  createAssignmentNode,
  createBlockNode,
  createConditionalNode,
  createConstantNode,
  createFunctionAssignmentNode,
  createFunctionNode,
  createIndexNode,
  createObjectNode,
  createOperatorNode,
  createParenthesisNode,
  createRangeNode,
  createRelationalNode,
  createSymbolNode,
  createParse,
  createTyped,
  createBigNumberClass,
} from 'mathjs';
import type { FactoryFunctionMap, MathNode } from 'mathjs';
import { Rational } from '../exact/rational.js';
import { OutOfRangeError, ParseError } from '../errors.js';
import { FUNCTION_ARITY, isConstant, isFunctionName, type Expr, type SymbolName } from './tree.js';
import { exprToPolynomial } from './toPolynomial.js';
import { editDistance, identifierTokens, nearestName } from './names.js';
import { MAX_DIGITS, MAX_INPUT_LENGTH, MAX_MAGNITUDE_EXPONENT, MAX_PAREN_DEPTH, MAX_TREE_DEPTH, MAX_UNARY_RUN, magnitudeProblem } from '../limits.js';

export { MAX_INPUT_LENGTH } from '../limits.js';
/** Largest Hermite index accepted in `He(k, ·)`. */
export const MAX_HERMITE_INDEX = 1000;

/**
 * A mathjs instance that can parse and nothing else: the node classes get an empty
 * function namespace and stubs for the evaluation-only dependencies, so a parsed tree
 * cannot be compiled or evaluated by mathjs at all. Numbers are read as decimals
 * (BigNumber) so `0.1` keeps its exact spelling. This also makes start-up ~15× faster
 * than creating the parser with its full dependency graph (measured: 11 ms vs 160 ms).
 */
function parserOnly(): { parse: (text: string) => MathNode } {
  const unavailable = (name: string) =>
    factory(name, [], () => () => {
      throw new Error(`${name} is not available: sindex only parses`);
    });
  const factories = {
    createNode,
    createAccessorNode,
    createArrayNode,
    createAssignmentNode,
    createBlockNode,
    createConditionalNode,
    createConstantNode,
    createFunctionAssignmentNode,
    createFunctionNode,
    createIndexNode,
    createObjectNode,
    createOperatorNode,
    createParenthesisNode,
    createRangeNode,
    createRelationalNode,
    createSymbolNode,
    createParse,
    createTyped,
    createBigNumberClass,
    mathWithTransform: factory('mathWithTransform', [], () => ({})),
    subset: unavailable('subset'),
    size: unavailable('size'),
    ResultSet: unavailable('ResultSet'),
    isBounded: unavailable('isBounded'),
    numeric: factory('numeric', ['BigNumber' as 'bignumber'], (deps) => {
      const BigNumber = (deps as unknown as { BigNumber: new (v: unknown) => unknown }).BigNumber;
      return (value: unknown) => new BigNumber(value);
    }),
  } as unknown as FactoryFunctionMap;
  return create(factories, { number: 'BigNumber' }) as unknown as { parse: (text: string) => MathNode };
}

const math = parserOnly();

export interface ParseOptions {
  /** Named parameters, e.g. `{ a: 2 }` from `--set a=2`, as exact rationals. */
  readonly parameters?: ReadonlyMap<string, Rational>;
  /** Free symbols allowed besides z (an oracle ψ(y, z) may use y, eta and d). */
  readonly symbols?: readonly SymbolName[];
  /**
   * Accept names that are neither bound in `parameters` nor in `symbols` as free parameters of the
   * symbolic path (src/symbolic/): each becomes a `symbol` node carrying its own name.
   */
  readonly freeParameters?: boolean;
  /**
   * `'multi'`: a multi-index link in z1..z6 (src/multiIndex/); each zk becomes a `symbol` node named
   * `zk`, and z, z0, z7… are refused with their position. Default `'single'`: the link is in z.
   */
  readonly variables?: 'single' | 'multi';
}

/** Most hidden directions of a multi-index link: z1..z6. */
const MAX_DIRECTIONS = 6;

const RESERVED = new Set(['z', 'pi', 'e', 'He', ...Object.keys(FUNCTION_ARITY)]);

/** True when `name` may be used as a parameter (`--set name=value`). */
export function isParameterName(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !RESERVED.has(name) && !/^He\d+$/.test(name);
}

/**
 * Parse a link function of `z`.
 * @example exprToString(parseLink('relu(z) + 0.1*z^3')) // 'relu(z) + 1/10*z^3'
 */
export function parseLink(source: string, options: ParseOptions = {}): Expr {
  if (source.length > MAX_INPUT_LENGTH) {
    throw new OutOfRangeError(`expression is ${source.length} characters long; the limit is ${MAX_INPUT_LENGTH}`);
  }
  if (source.trim() === '') throw new ParseError('empty expression', source, 0);
  lexicalCheck(source);
  for (const [name, value] of options.parameters ?? []) {
    const problem = magnitudeProblem(value.num, value.den);
    if (problem) throw new OutOfRangeError(`the parameter ${name}: ${problem}`);
  }
  let root: MathNode;
  try {
    root = math.parse(source);
  } catch (err) {
    if (err instanceof RangeError)
      throw new OutOfRangeError('the expression is nested too deeply to parse (a long chain of ^ or of signs); use parentheses or fewer levels');
    const e = err as { message?: string; char?: number };
    const message = String(e.message ?? err).replace(/\s*\(char \d+\)\s*$/, '');
    const position = typeof e.char === 'number' ? Math.max(0, e.char - 1) : null;
    throw new ParseError(`syntax error: ${lowerFirst(message)}`, source, position);
  }
  const tree = new Converter(
    source,
    options.parameters ?? new Map(),
    options.symbols ?? [],
    options.freeParameters ?? false,
    options.variables ?? 'single',
  ).convert(root);
  checkDivisions(tree, source);
  const depth = treeDepth(tree);
  if (depth > MAX_TREE_DEPTH) throw new OutOfRangeError(`the expression is nested ${depth} levels deep; the limit is ${MAX_TREE_DEPTH}`);
  return tree;
}

/** A division by a constant that is exactly zero (0/0, 1/(2 − 2)) is refused, not evaluated to NaN or ∞. */
function checkDivisions(root: Expr, source: string): void {
  const stack: Expr[] = [root];
  while (stack.length > 0) {
    const e = stack.pop()!;
    switch (e.kind) {
      case 'div': {
        const p = e.right.kind === 'number' ? (e.right.value.isZero() ? [] : null) : constantPolynomial(e.right);
        if (p !== null && p.length === 0) throw new ParseError('division by zero', source, source.indexOf('/') >= 0 ? source.indexOf('/') : null);
        stack.push(e.left, e.right);
        break;
      }
      case 'neg':
      case 'hermite':
        stack.push(e.arg);
        break;
      case 'add':
      case 'sub':
      case 'mul':
      case 'pow':
        stack.push(e.left, e.right);
        break;
      case 'call':
        stack.push(...e.args);
        break;
      default:
        break;
    }
  }
}

/** The polynomial a constant subtree spells (an exact rational), or null. */
function constantPolynomial(e: Expr): readonly Rational[] | null {
  if (!isConstant(e)) return null;
  try {
    return exprToPolynomial(e);
  } catch {
    return null;
  }
}

/** Depth of a tree, without recursion. */
function treeDepth(root: Expr): number {
  let deepest = 0;
  const stack: [Expr, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [e, d] = stack.pop()!;
    deepest = Math.max(deepest, d);
    switch (e.kind) {
      case 'neg':
      case 'hermite':
        stack.push([e.arg, d + 1]);
        break;
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'pow':
        stack.push([e.left, d + 1], [e.right, d + 1]);
        break;
      case 'call':
        for (const a of e.args) stack.push([a, d + 1]);
        break;
      default:
        break;
    }
  }
  return deepest;
}

/** Chains up to this many terms keep their left-to-right shape; longer ones are balanced. */
const SHORT_CHAIN = 32;

/** What mathjs would have made of a character outside the language, for the message. */
const CHARACTER_MEANING: Record<string, string> = {
  '#': 'a comment: the rest of the line would be ignored',
  '=': 'an assignment or a function definition',
  '<': 'a comparison',
  '>': 'a comparison',
  '!': 'a factorial',
  '%': 'a modulo',
  '[': 'a matrix or list',
  ']': 'a matrix or list',
  '{': 'an object',
  '}': 'an object',
  ';': 'several expressions',
  '"': 'a string',
  "'": 'a string or a transpose',
  '?': 'a conditional',
  ':': 'a range or conditional',
  '&': 'a logical operator',
  '|': 'a logical operator',
};

const ALLOWED = /[A-Za-z0-9_\s.+\-*/^(),]/;
const NUMBER = /(?<![A-Za-z_0-9.])(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?/g;

/**
 * Checks on the raw text before mathjs sees it, each with the position of the problem: only the
 * characters of the expression language (mathjs would read `#` as a comment, `'` as a transpose…),
 * parentheses nested at most MAX_PAREN_DEPTH deep, runs of at most MAX_UNARY_RUN signs, numbers of at
 * most MAX_DIGITS digits and magnitude within 1e±MAX_MAGNITUDE_EXPONENT.
 */
function lexicalCheck(source: string): void {
  let depth = 0;
  let run = 0;
  let runStart = 0;
  let previous = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (!ALLOWED.test(c)) {
      const what = CHARACTER_MEANING[c] ? ` (${CHARACTER_MEANING[c]})` : '';
      throw new ParseError(
        `the character '${c}' is not part of the expression language${what}; use numbers, names, + - * / ^, parentheses and commas`,
        source,
        i,
      );
    }
    if (c === '(') {
      depth++;
      if (depth > MAX_PAREN_DEPTH) throw new ParseError(`parentheses are nested more than ${MAX_PAREN_DEPTH} deep`, source, i);
    } else if (c === ')') depth--;
    if (/\s/.test(c)) continue;
    const unary = (c === '-' || c === '+') && (previous === '' || '(,+-*/^'.includes(previous));
    if (unary) {
      if (run === 0) runStart = i;
      run++;
      if (run > MAX_UNARY_RUN) throw new ParseError(`more than ${MAX_UNARY_RUN} signs in a row`, source, runStart);
    } else run = 0;
    previous = c;
  }
  for (const m of source.matchAll(NUMBER)) {
    const [text, mantissa, exponentText] = m;
    const position = m.index ?? 0;
    const digits = mantissa!.replace('.', '').replace(/^0+/, '');
    if (digits.length > MAX_DIGITS) throw new ParseError(`a number with ${digits.length} digits; the limit is ${MAX_DIGITS}`, source, position);
    if (digits.replace(/0+$/, '') === '') continue; // zero
    const point = mantissa!.indexOf('.');
    const integerDigits = (point < 0 ? mantissa! : mantissa!.slice(0, point)).replace(/^0+/, '').length;
    const leadingFractionZeros = integerDigits > 0 ? 0 : (/^\.?0*/.exec(mantissa!.slice(point + 1))?.[0].length ?? 0);
    const exponent = exponentText === undefined ? 0 : Number(exponentText);
    const magnitude = (integerDigits > 0 ? integerDigits - 1 : -(leadingFractionZeros + 1)) + exponent;
    if (!Number.isFinite(magnitude) || Math.abs(magnitude) > MAX_MAGNITUDE_EXPONENT) {
      throw new ParseError(
        `the number ${text!.length > 24 ? `${text!.slice(0, 20)}…` : text} is out of range: nonzero magnitudes must lie between 1e-${MAX_MAGNITUDE_EXPONENT} and 1e${MAX_MAGNITUDE_EXPONENT}`,
        source,
        position,
      );
    }
  }
}

function lowerFirst(s: string): string {
  return s.length > 0 ? s[0]!.toLowerCase() + s.slice(1) : s;
}

const BINARY: Record<string, 'add' | 'sub' | 'mul' | 'div' | 'pow'> = {
  add: 'add',
  subtract: 'sub',
  multiply: 'mul',
  divide: 'div',
  pow: 'pow',
};

class Converter {
  private readonly tokens;
  constructor(
    private readonly source: string,
    private readonly parameters: ReadonlyMap<string, Rational>,
    private readonly symbols: readonly SymbolName[],
    private readonly freeParameters = false,
    private readonly variables: 'single' | 'multi' = 'single',
  ) {
    this.tokens = identifierTokens(source);
  }

  private positionOf(name: string): number | null {
    return this.tokens.find((t) => t.text === name)?.position ?? null;
  }

  private fail(message: string, name: string | null, hint: string | null = null): never {
    throw new ParseError(message, this.source, name === null ? null : this.positionOf(name), hint);
  }

  convert(node: MathNode): Expr {
    const n = node as MathNode & Record<string, unknown>;
    switch (node.type) {
      case 'ParenthesisNode':
        return this.convert(n.content as MathNode);
      case 'ConstantNode':
        return this.constant(n.value);
      case 'SymbolNode':
        return this.symbol(n.name as string);
      case 'OperatorNode':
        return this.operator(n.fn as string, n.op as string, n.args as MathNode[]);
      case 'FunctionNode':
        return this.func(n.fn as MathNode, n.args as MathNode[]);
      default:
        return this.fail(`${describeNode(node.type)} is not allowed in a link function`, null);
    }
  }

  private constant(value: unknown): Expr {
    if (value !== null && typeof value === 'object' && 'isBigNumber' in value) {
      const text = String(value);
      if (!/^-?\d*\.?\d+(e[+-]?\d+)?$/i.test(text)) this.fail(`the number ${text} is not finite`, null);
      return { kind: 'number', value: Rational.fromDecimalString(text) };
    }
    return this.fail(`only numbers are allowed as constants, not ${JSON.stringify(value)}`, typeof value === 'string' ? null : String(value));
  }

  private symbol(name: string): Expr {
    if (this.variables === 'multi') {
      if (name === 'z') this.fail('z cannot be mixed with z1..z6', name, 'write a single-index link in z, or a multi-index link in z1..zr only');
      const index = /^z(\d+)$/.exec(name);
      if (index && !this.parameters.has(name)) {
        const k = Number(index[1]);
        if (k < 1 || k > MAX_DIRECTIONS || index[1]!.startsWith('0')) {
          this.fail(`unknown variable '${name}': the directions are z1..z${MAX_DIRECTIONS}`, name);
        }
        return { kind: 'symbol', name: name as SymbolName };
      }
    }
    if (name === 'z') return { kind: 'variable' };
    if (name === 'pi' || name === 'e') return { kind: 'constant', name };
    if ((this.symbols as readonly string[]).includes(name)) return { kind: 'symbol', name: name as SymbolName };
    const value = this.parameters.get(name);
    if (value !== undefined) return { kind: 'number', value };
    if (isFunctionName(name) || name === 'He' || /^He\d+$/.test(name)) {
      this.fail(`${name} is a function: call it, as in ${name === 'He' ? 'He(3, z)' : `${name}(z)`}`, name);
    }
    if (/^z\d+$/.test(name)) {
      this.fail(
        `'${name}' is a direction of a multi-index link: links in z1..z${MAX_DIRECTIONS} are taken by \`sindex analyze\`, \`verify --target\` and \`table\``,
        name,
        `here the link must be in z (thresholds, escape and every student σ are single-index)`,
      );
    }
    // a free parameter of the symbolic path (not x or t, nor one edit from pi or a function: a typo)
    const typo = name.length >= 3 && ['pi', ...Object.keys(FUNCTION_ARITY)].some((known) => editDistance(name, known) <= 1);
    if (this.freeParameters && isParameterName(name) && !/^x\d*$|^t$/.test(name) && !typo) return { kind: 'symbol', name: name as SymbolName };
    const suggestion = nearestName(name, ['z', 'pi', 'e', ...this.symbols, ...this.parameters.keys(), ...Object.keys(FUNCTION_ARITY)]);
    if (/^[a-y]$|^[A-Z]$|^x\d*$|^t$/.test(name)) {
      if (this.variables === 'multi') {
        this.fail(
          `unknown name '${name}': the variables are z1..z${MAX_DIRECTIONS}`,
          name,
          `write the link in z1..zr, or give '${name}' a value with --set ${name}=…`,
        );
      }
      this.fail(`unknown name '${name}': the variable is z`, name, `write the link in z, or give '${name}' a value with --set ${name}=…`);
    }
    this.fail(
      `unknown name '${name}'`,
      name,
      suggestion ? `did you mean '${suggestion}'? (or give it a value with --set ${name}=…)` : `give it a value with --set ${name}=…`,
    );
  }

  private operator(fn: string, op: string, args: MathNode[]): Expr {
    if (fn === 'unaryMinus' && args.length === 1) return { kind: 'neg', arg: this.convert(args[0]!) };
    if (fn === 'unaryPlus' && args.length === 1) return this.convert(args[0]!);
    const kind = BINARY[fn];
    if (kind === undefined || args.length !== 2) {
      return this.fail(`the operator '${op}' is not supported (use + - * / ^)`, null);
    }
    if (kind === 'add' || kind === 'sub') return this.chain(fn, args, 'additive');
    if (kind === 'mul' || kind === 'div') return this.chain(fn, args, 'multiplicative');
    return { kind, left: this.convert(args[0]!), right: this.convert(args[1]!) };
  }

  /**
   * A left-deep chain a ± b ± c … (or a ·/ b ·/ c …) — 4000 terms parse 4000 levels deep — read
   * without recursion and rebuilt balanced: a − b − c − d = (a − b) − (c + d). Exact for the
   * rationals of the polynomial route; for floating point only the order of summation changes.
   */
  private chain(fn: string, args: MathNode[], family: 'additive' | 'multiplicative'): Expr {
    const [plus, minus] = family === 'additive' ? (['add', 'subtract'] as const) : (['multiply', 'divide'] as const);
    const terms: { node: MathNode; inverted: boolean }[] = [];
    let left = args[0]!;
    let right = args[1]!;
    let op = fn;
    for (;;) {
      terms.push({ node: right, inverted: op === minus });
      const l = left as MathNode & { fn?: string; args?: MathNode[] };
      if (l.type === 'OperatorNode' && (l.fn === plus || l.fn === minus) && l.args?.length === 2) {
        op = l.fn;
        right = l.args[1]!;
        left = l.args[0]!;
        continue;
      }
      terms.push({ node: left, inverted: false });
      break;
    }
    terms.reverse();
    const converted = terms.map((t) => ({ expr: this.convert(t.node), inverted: t.inverted }));
    const [same, inverse] = family === 'additive' ? (['add', 'sub'] as const) : (['mul', 'div'] as const);
    // build(lo, hi) = Σ_{lo ≤ i < hi} (s_i/s_lo)·t_i (the first term taken with +); then
    // build(lo, hi) = build(lo, mid) ± build(mid, hi), with − exactly when s_mid ≠ s_lo
    const build = (lo: number, hi: number): Expr => {
      if (hi - lo === 1) return converted[lo]!.expr;
      const mid = (lo + hi) >> 1;
      const kind = converted[mid]!.inverted === converted[lo]!.inverted ? same : inverse;
      return { kind, left: build(lo, mid), right: build(mid, hi) };
    };
    if (converted.length <= SHORT_CHAIN) {
      // as written, left to right: what the user typed is what is printed back
      let acc = converted[0]!.expr;
      for (const t of converted.slice(1)) acc = { kind: t.inverted ? inverse : same, left: acc, right: t.expr };
      return acc;
    }
    return build(0, converted.length);
  }

  private func(fnNode: MathNode, args: MathNode[]): Expr {
    const fnName = (fnNode as MathNode & { name?: string }).name;
    if (fnNode.type !== 'SymbolNode' || fnName === undefined) {
      return this.fail('only named functions can be called', null);
    }
    const short = /^He(\d+)$/.exec(fnName);
    if (short) {
      if (args.length !== 1) this.fail(`${fnName} takes 1 argument (z), got ${args.length}`, fnName);
      return { kind: 'hermite', degree: this.hermiteIndex(Number(short[1]), fnName), arg: this.convert(args[0]!) };
    }
    if (fnName === 'He') {
      if (args.length !== 2) this.fail(`He takes 2 arguments, He(k, z), got ${args.length}`, 'He');
      const index = this.convert(args[0]!);
      const value = index.kind === 'number' ? index.value : index.kind === 'neg' && index.arg.kind === 'number' ? index.arg.value.neg() : null;
      if (value === null) this.fail('the Hermite index must be a number, as in He(3, z)', 'He');
      if (!value.isInteger() || value.sign() < 0) this.fail(`the Hermite index must be a non-negative integer, got ${value.toString()}`, 'He');
      return { kind: 'hermite', degree: this.hermiteIndex(Number(value.num), 'He'), arg: this.convert(args[1]!) };
    }
    if (!isFunctionName(fnName)) {
      const suggestion = nearestName(fnName, [...Object.keys(FUNCTION_ARITY), 'He']);
      this.fail(
        `unknown function '${fnName}'`,
        fnName,
        suggestion ? `did you mean '${suggestion}'?` : `known functions: ${Object.keys(FUNCTION_ARITY).join(' ')} He`,
      );
    }
    const arity = FUNCTION_ARITY[fnName];
    if (args.length !== arity) {
      this.fail(`${fnName} takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`, fnName);
    }
    return { kind: 'call', fn: fnName, args: args.map((a) => this.convert(a)) };
  }

  private hermiteIndex(k: number, name: string): number {
    if (!Number.isSafeInteger(k) || k < 0) this.fail(`the Hermite index must be a non-negative integer, got ${k}`, name);
    if (k > MAX_HERMITE_INDEX) this.fail(`the Hermite index ${k} is above the limit ${MAX_HERMITE_INDEX}`, name);
    return k;
  }
}

function describeNode(type: string): string {
  const names: Record<string, string> = {
    AssignmentNode: 'an assignment',
    FunctionAssignmentNode: 'a function definition',
    ArrayNode: 'a matrix or list',
    ObjectNode: 'an object',
    AccessorNode: 'indexing',
    IndexNode: 'indexing',
    RangeNode: 'a range',
    RelationalNode: 'a comparison',
    ConditionalNode: 'a conditional',
    BlockNode: 'more than one expression',
  };
  return names[type] ?? `a ${type}`;
}
