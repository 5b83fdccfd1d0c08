// mathjs exports its factory functions at runtime but its typings omit them; these are
// the ones `src/expr/parse.ts` assembles into a parse-only instance.
import 'mathjs';

declare module 'mathjs' {
  type SindexFactory = import('mathjs').FactoryFunction<unknown>;
  export const createNode: SindexFactory;
  export const createAccessorNode: SindexFactory;
  export const createArrayNode: SindexFactory;
  export const createAssignmentNode: SindexFactory;
  export const createBlockNode: SindexFactory;
  export const createConditionalNode: SindexFactory;
  export const createConstantNode: SindexFactory;
  export const createFunctionAssignmentNode: SindexFactory;
  export const createFunctionNode: SindexFactory;
  export const createIndexNode: SindexFactory;
  export const createObjectNode: SindexFactory;
  export const createOperatorNode: SindexFactory;
  export const createParenthesisNode: SindexFactory;
  export const createRangeNode: SindexFactory;
  export const createRelationalNode: SindexFactory;
  export const createSymbolNode: SindexFactory;
  export const createParse: SindexFactory;
  export const createTyped: SindexFactory;
  export const createBigNumberClass: SindexFactory;
}
