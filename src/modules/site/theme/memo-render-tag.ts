import { RenderTag, type Context, type Emitter, type Liquid } from 'liquidjs';
import type { NativePartial } from './native/index.ts';
import { plainDataKey } from './plain-data-key.ts';

// Every page renders the same site-wide partials (the footer, the support banner, the appeal's
// dialog) from the same site data: a fifth or more of a page's Liquid work, redone on every
// uncached render. `{% render %}` isolates a partial from its caller: what it writes depends
// only on the file, the arguments it is given and the render's globals (site, lang). So the
// output of a render whose arguments all come from the globals or literals is kept, keyed by the
// file and those values written out in full. A different value (another section current,
// another language, changed settings) is another key; nothing is ever served for other data.
// Partials with per-page arguments (a card, the byline) are rendered each time: keeping them
// would only fill the memo with one entry per article.

/** Outputs kept per engine, the least recently used going first: languages times sections. */
const MAX_ENTRIES = 64;
/**
 * And at most this many bytes of keys and outputs (counted as UTF-16, which V8 may use): a key
 * writes out the site data in full, and a newsroom's footer may be long.
 */
export const MEMO_MAX_BYTES = 1024 * 1024;

/** Liquid that can write something else for the same data: the clock, and shared-scope includes. */
const IMPURE = /['"](now|today)['"]|\{%-?\s*include\b/;

type Templates = Array<{ token?: { input?: string } }>;

interface MemoState {
  outputs: Map<string, string>;
  /** What the keys and outputs hold, against MEMO_MAX_BYTES. */
  bytes: number;
  /** Keys of the globals objects already written out (one per page render). */
  globalsKeys: WeakMap<object, string | null>;
  /** Partials' own text checked for IMPURE, by parsed file. */
  impure: WeakMap<object, boolean>;
  /** Bumped whenever an impure partial renders, so an enclosing render is not kept either. */
  impureRenders: number;
  /** Renders being kept under way (nested). */
  capturing: number;
}

interface PartialSource {
  file: string;
  currentFile?: string;
  liquid: Liquid & {
    _parsePartialFile(file: string, sync: boolean, current?: string): Generator<unknown, unknown, unknown>;
  };
}

/** The parsed partial a render tag names (from Liquid's cache after the first time). */
function* partialOf(tag: PartialSource, ctx: Context): Generator<unknown, Templates, unknown> {
  if (typeof tag.file !== 'string') return [{ token: { input: 'now' } }]; // a file named at run time
  return (yield tag.liquid._parsePartialFile(tag.file, ctx.sync, tag.currentFile)) as Templates;
}

/** What the static rule looks at: the argument's expression as Liquid parsed it. */
interface ArgToken {
  props?: Array<{ content?: unknown; props?: unknown }>;
  getText(): string;
}

function isSiteWide(value: ArgToken, globalNames: ReadonlySet<string>): boolean {
  const props = value.props;
  if (!props) return true; // a literal: string, number, range
  if (props.length === 0 || props.some((p) => typeof p.content !== 'string' && typeof p.content !== 'number'))
    return false;
  return globalNames.has(String(props[0]!.content));
}

/**
 * A `render` tag that keeps the output of site-wide partials. `globalNames` are the render
 * globals (site, lang): arguments taken from them or literals make a render site-wide.
 * `natives` (when it answers) are partials written in TypeScript, called instead of their file.
 */
export function memoRenderTag(
  globalNames: readonly string[],
  natives: () => ReadonlyMap<string, NativePartial> | null = () => null,
): typeof RenderTag {
  const names = new Set(globalNames);
  const state: MemoState = {
    outputs: new Map(),
    bytes: 0,
    globalsKeys: new WeakMap(),
    impure: new WeakMap(),
    impureRenders: 0,
    capturing: 0,
  };
  class MemoRenderTag extends RenderTag {
    private readonly siteWide: boolean;
    /** A plain `{% render 'file', name: value %}` (no `with`, no `for`): one a native may stand in for. */
    private readonly plain: boolean;

    constructor(...args: ConstructorParameters<typeof RenderTag>) {
      const [token, remainTokens, liquid, parser] = args;
      super(token, remainTokens, liquid, parser);
      const self = this as unknown as {
        file: unknown;
        with?: unknown;
        forBinding?: unknown;
        hash: { hash: Record<string, ArgToken | undefined> };
      };
      this.plain = typeof self.file === 'string' && !self.with && !self.forBinding;
      this.siteWide =
        this.plain && Object.values(self.hash.hash).every((v) => v === undefined || isSiteWide(v, names));
    }

    override *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      const self = this as unknown as PartialSource & {
        hash: { render(ctx: Context): Generator<unknown, Record<string, unknown>, unknown> };
      };
      const native = this.plain ? natives()?.get(self.file) : undefined;
      if (native) {
        const args = (yield self.hash.render(ctx)) as Record<string, unknown>;
        emitter.write(native(args, ctx.globals as Record<string, unknown>));
        return;
      }
      const buffered = emitter as unknown as { buffer?: unknown };
      if (!this.siteWide || typeof buffered.buffer !== 'string') {
        // Inside a render being kept, a nested partial that is not pure spoils it.
        if (state.capturing > 0 && isImpure(state, yield* partialOf(self, ctx))) state.impureRenders++;
        return yield* super.render(ctx, emitter);
      }
      if (isImpure(state, yield* partialOf(self, ctx))) {
        state.impureRenders++;
        return yield* super.render(ctx, emitter);
      }
      const args = (yield self.hash.render(ctx)) as Record<string, unknown>;
      const key = memoKey(state, self.file, args, ctx.globals as object);
      if (key === null) return yield* super.render(ctx, emitter);
      const kept = state.outputs.get(key);
      if (kept !== undefined) {
        state.outputs.delete(key);
        state.outputs.set(key, kept);
        emitter.write(kept);
        return;
      }
      const start = buffered.buffer.length;
      const impureBefore = state.impureRenders;
      state.capturing++;
      try {
        yield* super.render(ctx, emitter);
      } finally {
        state.capturing--;
      }
      if (state.impureRenders !== impureBefore || typeof buffered.buffer !== 'string') return;
      keep(state, key, buffered.buffer.slice(start));
    }
  }
  return MemoRenderTag;
}

/**
 * Keep an output as a string of its own. A slice of the page being written would point into that
 * whole page (V8 keeps the page alive for the slice), so each entry would hold a page.
 */
function keep(state: MemoState, key: string, output: string): void {
  const own = Buffer.from(output, 'utf8').toString('utf8');
  const size = 2 * (key.length + own.length);
  if (size > MEMO_MAX_BYTES) return;
  const before = state.outputs.get(key);
  if (before !== undefined) state.bytes -= 2 * (key.length + before.length);
  state.outputs.delete(key);
  state.outputs.set(key, own);
  state.bytes += size;
  while (state.outputs.size > MAX_ENTRIES || state.bytes > MEMO_MAX_BYTES) {
    const [oldest, value] = state.outputs.entries().next().value!;
    state.outputs.delete(oldest);
    state.bytes -= 2 * (oldest.length + value.length);
  }
}

function isImpure(state: MemoState, templates: Templates): boolean {
  let impure = state.impure.get(templates);
  if (impure === undefined) {
    impure = templates.some((t) => IMPURE.test(t.token?.input ?? ''));
    state.impure.set(templates, impure);
  }
  return impure;
}

function memoKey(
  state: MemoState,
  file: string,
  args: Record<string, unknown>,
  globals: object,
): string | null {
  let globalsKey = state.globalsKeys.get(globals);
  if (globalsKey === undefined) {
    globalsKey = plainDataKey(globals);
    state.globalsKeys.set(globals, globalsKey);
  }
  if (globalsKey === null) return null;
  const argsKey = plainDataKey(args);
  if (argsKey === null) return null;
  return `${file}\n${argsKey}\n${globalsKey}`;
}
