import ts from 'typescript';

/** A function-like node whose length the check measures. */
export type FunctionLength = {
  /** A readable name: the declared name, the variable or property it is assigned to, or the call it is passed to. */
  name: string;
  /** 1-based line the function starts on. */
  line: number;
  /** Lines from its first to its last, inclusive. */
  lines: number;
};

/** Lines in a file's text; a final newline does not start another line. */
export function countLines(text: string): number {
  if (text === '') return 0;
  const newlines = text.split('\n').length - 1;
  return text.endsWith('\n') ? newlines : newlines + 1;
}

/** Every function declaration, method, accessor, constructor, arrow function and function expression in a file. */
export function measureFunctions(fileName: string, text: string): FunctionLength[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, scriptKindOf(fileName));
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body !== undefined) {
      const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ name: nameOf(node, file), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function scriptKindOf(fileName: string): ts.ScriptKind {
  return fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
}

function nameOf(node: ts.Node, file: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return `${classNameOf(node, file)}constructor`;
  const own = (node as ts.FunctionLikeDeclaration).name;
  if (own !== undefined) {
    return ts.isClassLike(node.parent) ? `${classNameOf(node, file)}${own.getText(file)}` : own.getText(file);
  }
  const parent = node.parent;
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyAssignment(parent) ||
    ts.isPropertyDeclaration(parent)
  ) {
    return parent.name.getText(file);
  }
  if (ts.isCallExpression(parent) || ts.isNewExpression(parent)) return `${callLabel(parent, file)} callback`;
  if (ts.isExportAssignment(parent)) return 'default export';
  return '(anonymous function)';
}

function classNameOf(node: ts.Node, file: ts.SourceFile): string {
  const name = ts.isClassLike(node.parent) ? node.parent.name : undefined;
  return name === undefined ? '' : `${name.getText(file)}.`;
}

/** `describe('uploads')`, `it('rejects a large file')`, `items.map`: the call a callback is passed to. */
function callLabel(call: ts.CallExpression | ts.NewExpression, file: ts.SourceFile): string {
  const callee = call.expression.getText(file);
  const first = call.arguments?.[0];
  return first !== undefined && ts.isStringLiteralLike(first) ? `${callee}('${first.text}')` : callee;
}
