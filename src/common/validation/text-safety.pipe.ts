import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { invalidField } from './field-error';

// Deeper than any DTO of this API; a 5,000-level body would otherwise overflow the stack of the
// validators that recurse through it.
export const MAX_INPUT_DEPTH = 32;

// A high surrogate not followed by a low one, or a low one not preceded by a high one: PostgreSQL
// refuses such text in jsonb, and it is not a character anyone can type.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return '含有不允许的空字符（\\u0000）';
  if (LONE_SURROGATE.test(text)) return '含有无效的 Unicode 字符（不成对的代理项）';
  return undefined;
}

// Runs before the validation pipe on every body, query and route parameter: text PostgreSQL cannot
// store and absurd nesting are refused with a 400 naming the field, whatever the DTO says.
@Injectable()
export class TextSafetyPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.type === 'param' ? (metadata.data ?? 'param') : (metadata.data ?? '');
    const pending: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
    while (pending.length > 0) {
      const { value: current, path, depth } = pending.pop()!;
      const field = path || metadata.type;
      if (typeof current === 'string') {
        const problem = textProblem(current);
        if (problem) throw invalidField(field, problem);
        continue;
      }
      if (current === null || typeof current !== 'object' || Buffer.isBuffer(current)) continue;
      if (depth >= MAX_INPUT_DEPTH)
        throw invalidField(metadata.type, `嵌套层级过深（最多 ${MAX_INPUT_DEPTH} 层）`);
      for (const [key, child] of Object.entries(current)) {
        const childPath = path ? `${path}.${key}` : key;
        const keyProblem = textProblem(key);
        if (keyProblem) throw invalidField(childPath, keyProblem);
        pending.push({ value: child, path: childPath, depth: depth + 1 });
      }
    }
    return value;
  }
}
