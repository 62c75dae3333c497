// A small typed client of Rapport's GraphQL API: queries and mutations over HTTP (GraphQL over
// HTTP, application/graphql-response+json), subscriptions over graphql-transport-ws with the key
// in connection_init. Every operation's data and variables are typed by graphql-codegen from
// schema.graphql (src/generated/graphql.ts).
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { print } from "graphql";
import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";

/** One error of the API's error contract (see the README's "Errors" section). */
export interface ApiError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; reason?: string; hint?: string; field?: string; [key: string]: unknown };
}

/** A response that carried errors: the data that did come back, and the errors. */
export class GraphQLFailure<T> extends Error {
  constructor(readonly errors: ApiError[], readonly data: T | null) {
    super(errors.map((e) => `${e.extensions?.code ?? "ERROR"}: ${e.message}`).join("; "));
  }
}

export class Rapport {
  private subscriptions: { client: Client; connected: Promise<void> } | undefined;

  constructor(private readonly url: string, private readonly key: string) {}

  /** Run a query or mutation; throws GraphQLFailure when the response has errors. */
  async request<TData, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
  ): Promise<TData> {
    const response = await fetch(`${this.url}/graphql`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/graphql-response+json, application/json",
        "x-api-key": this.key,
      },
      body: JSON.stringify({ query: print(document), variables }),
    });
    const body = (await response.json()) as { data?: TData | null; errors?: ApiError[] };
    if (body.errors?.length) throw new GraphQLFailure<TData>(body.errors, body.data ?? null);
    if (body.data == null) throw new GraphQLFailure<TData>([{ message: "no data" }], null);
    return body.data;
  }

  /** The next `count` events of a subscription, once `started` has run (it may trigger them). */
  async nextEvents<TData>(
    document: TypedDocumentNode<TData, Record<string, never>>,
    count: number,
    started: () => Promise<void>,
  ): Promise<TData[]> {
    if (this.subscriptions === undefined) {
      const client = createClient({
        url: this.url.replace(/^http/, "ws") + "/graphql",
        webSocketImpl: WebSocket,
        connectionParams: { "X-API-Key": this.key },
        lazy: false,
      });
      const connected = new Promise<void>((resolve, reject) => {
        client.on("connected", () => resolve());
        client.on("closed", (event) => reject(new Error(`closed: ${JSON.stringify(event)}`)));
      });
      this.subscriptions = { client, connected };
    }
    const { client, connected } = this.subscriptions;
    await connected;
    const received: TData[] = [];
    const events = new Promise<TData[]>((resolve, reject) => {
      const stop = client.subscribe<TData>({ query: print(document) }, {
        next: (value) => {
          if (value.errors?.length) reject(new GraphQLFailure<TData>([...value.errors], null));
          else if (value.data) received.push(value.data);
          if (received.length >= count) {
            stop();
            resolve(received);
          }
        },
        error: (error) => reject(error instanceof Error ? error : new Error(String(error))),
        complete: () => resolve(received),
      });
    });
    // The server registers the subscription before the action that raises the events. The
    // events may arrive before the action's own answer: both are awaited.
    const action = new Promise<void>((resolve) => setTimeout(resolve, 500)).then(started);
    const [got] = await Promise.all([events, action]);
    return got;
  }

  async close(): Promise<void> {
    await this.subscriptions?.client.dispose();
  }
}
