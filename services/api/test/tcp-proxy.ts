/**
 * A TCP proxy in front of PostgreSQL that a test can cut and restore, to play a database outage;
 * it also counts the client's flights (a flight: what the client writes before the server next
 * answers, so a round trip the client waits on is one flight; a connection's start-up is flights
 * too) and can hold the server's answers.
 */
import { createConnection, createServer, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops every open connection and refuses new ones. */
  cut(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
  /** The client's flights over every connection since the last `resetFlights`. */
  flights(): number;
  resetFlights(): void;
  /** Stops passing the server's answers to the client until `releaseAnswers`. */
  holdAnswers(): void;
  releaseAnswers(): void;
}

/** PostgreSQL's Terminate message: the client's last, which nothing answers, so no flight. */
const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  const upstreams = new Map<Socket, Socket>();
  let server: Server;
  let port = 0;
  let flights = 0;
  let holding = false;

  const listen = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = createConnection(target);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => socket.destroy());
        }
        upstreams.set(upstream, client);
        upstream.on('close', () => upstreams.delete(upstream));
        let clientsTurn = true;
        client.on('data', (chunk: Buffer) => {
          if (clientsTurn && !chunk.equals(TERMINATE)) flights++;
          clientsTurn = false;
        });
        upstream.on('data', () => {
          clientsTurn = true;
        });
        client.pipe(upstream);
        if (holding) upstream.pause();
        else upstream.pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as { port: number }).port;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });

  await listen();
  return {
    port,
    cut: stop,
    restore: listen,
    close: stop,
    flights: () => flights,
    resetFlights: () => {
      flights = 0;
    },
    holdAnswers: () => {
      holding = true;
      for (const [upstream, client] of upstreams) {
        upstream.unpipe(client);
        upstream.pause();
      }
    },
    releaseAnswers: () => {
      holding = false;
      for (const [upstream, client] of upstreams) upstream.pipe(client);
    },
  };
}
