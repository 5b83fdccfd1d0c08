// Code blocks of README.md, for the tests that run them.
import { readFileSync } from 'node:fs';

/** The first fenced code block of `lang` in the README section that starts with `heading`. */
export function readmeBlock(heading: string, lang: string): string {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`README has no section '${heading}'`);
  const section = readme.slice(start + 1).split(/\n## /)[0]!;
  const m = new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\\n\`\`\``).exec(section);
  if (!m) throw new Error(`README section '${heading}' has no ${lang} block`);
  return m[1]!;
}

/** The outputs the comments of `console.log(…); // OUTPUT` lines promise, in order. */
export function promisedOutputs(code: string): string[] {
  return code
    .split('\n')
    .filter((l) => /^\s*console\.log\(/.test(l))
    .map((l) => {
      const m = /;\s*\/\/ (.*)$/.exec(l);
      if (!m) throw new Error(`a console.log line without its output in a comment: ${l}`);
      return m[1]!.trim();
    });
}
