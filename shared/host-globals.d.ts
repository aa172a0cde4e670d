// The only host globals shared/ may use: WHATWG APIs present alike in Node, browsers and the
// extension's worker. shared/ is type-checked without the DOM and Node libraries (tsconfig.shared.json),
// so anything else a page or a server has fails the typecheck here.
declare function structuredClone<T>(value: T): T;
declare class URL {
  constructor(url: string, base?: string | URL);
  readonly protocol: string;
  readonly host: string;
  readonly hostname: string;
  readonly origin: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  readonly href: string;
}
