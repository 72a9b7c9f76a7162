// The few Web APIs core uses, which browsers and Node both provide as globals. Declared here so
// that core's tsconfig can leave out both the DOM and the Node types: anything else of either
// side fails to typecheck in core.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class URLSearchParams {
  constructor(init?: string | Record<string, string>);
  get(name: string): string | null;
  set(name: string, value: string): void;
  has(name: string): boolean;
  toString(): string;
}
