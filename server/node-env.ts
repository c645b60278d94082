// Imported first by main.ts, before anything loads graphql: graphql-js reads NODE_ENV once, when
// its module is evaluated, and outside production adds a second check to every failing
// `instanceof` of its types (measured on a feed page: ~1.2× throughput once other costs were cut).
// `npm start` is how the server runs for real, so production is the default; NODE_ENV set to
// anything else (development, test) keeps graphql-js's checks.
if (!process.env.NODE_ENV) process.env.NODE_ENV = 'production';
