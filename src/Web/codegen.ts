import type { CodegenConfig } from '@graphql-codegen/cli';

// Operations are typed from the committed SDL, so a schema change breaks `npm run build`, not the user.
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: { field: true, inputValue: false, object: false },
        scalars: { ID: 'string' },
      },
    },
  },
};

export default config;
