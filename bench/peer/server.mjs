// @neo4j/graphql serving Rapport's graph, as its documentation sets it up (Apollo Server), for
// bench/bench_api_peer.py. Environment: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, PORT.
// Each answer carries the number of Cypher statements the server has run so far (header
// x-statements), so the bench counts statements per request.
import { readFileSync } from "node:fs";
import { ApolloServer } from "@apollo/server";
import { startStandaloneServer } from "@apollo/server/standalone";
import { Neo4jGraphQL } from "@neo4j/graphql";
import neo4j from "neo4j-driver";

const typeDefs = readFileSync(new URL("./typeDefs.graphql", import.meta.url), "utf8");
const driver = neo4j.driver(
  process.env.NEO4J_URI,
  neo4j.auth.basic(process.env.NEO4J_USER || "neo4j", process.env.NEO4J_PASSWORD),
);

let statements = 0;
const counted = (tx) =>
  new Proxy(tx, {
    get(target, prop) {
      if (prop === "run") return (...args) => { statements += 1; return target.run(...args); };
      const value = target[prop];
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
const openSession = driver.session.bind(driver);
driver.session = (config) => {
  const session = openSession(config);
  for (const name of ["executeRead", "executeWrite"]) {
    const work = session[name].bind(session);
    session[name] = (fn, c) => work((tx) => fn(counted(tx)), c);
  }
  const begin = session.beginTransaction.bind(session);
  session.beginTransaction = (c) => counted(begin(c));
  const run = session.run.bind(session);
  session.run = (...args) => { statements += 1; return run(...args); };
  return session;
};

const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const server = new ApolloServer({
  schema,
  plugins: [{
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          response.http.headers.set("x-statements", String(statements));
        },
      };
    },
  }],
});
const { url } = await startStandaloneServer(server, {
  listen: { port: Number(process.env.PORT || 4000), host: "127.0.0.1" },
});
console.log(`ready ${url}`);
