/** The limits the structure check enforces on every TypeScript source file of the repository. */
export const limits = {
  /** Lines in one source file. */
  fileLines: 300,
  /** Lines in one function, method, arrow function or function expression, from its first to its last line. */
  functionLines: 80,
} as const;
