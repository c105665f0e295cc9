# Counts, per client connection, the wire-protocol messages after which a PostgreSQL client waits: Sync and Query.
import socket, struct, sys, threading
listen_port, server_port, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
delay = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
import time
counts = []
def recv_exact(s, n):
    b = b''
    while len(b) < n:
        c = s.recv(n - len(b))
        if not c: raise EOFError
        b += c
    return b
def c2s(cli, srv, idx):
    try:
        while True:  # untyped start-up messages
            hdr = recv_exact(cli, 4); (ln,) = struct.unpack('!i', hdr); body = recv_exact(cli, ln - 4); srv.sendall(hdr + body)
            code = struct.unpack('!i', body[:4])[0]
            if code not in (80877103, 80877104): break
        while True:
            t = recv_exact(cli, 1); hdr = recv_exact(cli, 4); (ln,) = struct.unpack('!i', hdr); body = recv_exact(cli, ln - 4)
            if t in (b'S', b'Q'): counts[idx][0] += 1
            if t in (b'P', b'Q'): counts[idx][1] += 1
            srv.sendall(t + hdr + body)
    except Exception: pass
    finally:
        cli.close(); srv.close()
        with open(out, 'w') as f: f.write('\n'.join('%d %d' % (a, b) for a, b in counts) + '\n')
def s2c(srv, cli):
    try:
        while True:
            d = srv.recv(65536)
            if not d: break
            if delay: time.sleep(delay)  # a network's round-trip time, paid once per reply the client waits for
            cli.sendall(d)
    except Exception: pass
    finally: cli.close(); srv.close()
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); ls.bind(('127.0.0.1', listen_port)); ls.listen(16)
while True:
    cli, _ = ls.accept(); srv = socket.create_connection(('127.0.0.1', server_port))
    for sock in (cli, srv): sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    counts.append([0, 0]); idx = len(counts) - 1
    threading.Thread(target=c2s, args=(cli, srv, idx), daemon=True).start()
    threading.Thread(target=s2c, args=(srv, cli), daemon=True).start()
