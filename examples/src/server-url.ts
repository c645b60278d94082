/** Where the examples find PaperGraph: PAPERGRAPH_URL, or a server started with `npm start`. */
export const url = process.env.PAPERGRAPH_URL ?? 'http://localhost:4000/graphql';
