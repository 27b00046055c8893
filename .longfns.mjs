import ts from 'typescript';
import { readFileSync } from 'node:fs';
for (const f of process.argv.slice(2)) {
  const sf = ts.createSourceFile(f, readFileSync(f, 'utf8'), ts.ScriptTarget.Latest, true);
  const visit = (n) => {
    if (ts.isFunctionDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isMethodDeclaration(n)) {
      const a = sf.getLineAndCharacterOfPosition(n.getStart()).line, b = sf.getLineAndCharacterOfPosition(n.getEnd()).line;
      if (b - a + 1 > 50) console.log(`${f}:${a + 1} ${n.name?.getText() ?? '(anon)'} ${b - a + 1}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
}
