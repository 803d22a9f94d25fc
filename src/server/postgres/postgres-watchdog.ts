/**
 * A POSIX sh script that runs PostgreSQL (`$0`, with its arguments `"$@"`) and stops it
 * when the script's stdin reaches end of file. The Node process holds the other end of
 * that pipe; the kernel closes it when the process dies for any reason (`kill -9`
 * included), and the postmaster does not watch its parent by itself. SIGTERM or SIGINT
 * to the script ask for the same fast shutdown (SIGINT to the postmaster: roll back open
 * transactions, checkpoint, exit); if the postmaster still runs ten seconds later, an
 * immediate one (SIGQUIT). The helpers write nowhere, so the stderr pipe closes when
 * PostgreSQL exits. Once it has, the script removes its socket folder
 * (`CUTX_PG_SOCKET_DIR`): after a `kill -9` no Node code is left to do it.
 */
export const POSTGRES_WATCHDOG = `
"$0" "$@" </dev/null &
pg=$!
stop() {
  kill -INT "$pg" 2>/dev/null
  (for _ in 1 2 3 4 5 6 7 8 9 10; do sleep 1; kill -0 "$pg" 2>/dev/null || exit 0; done; kill -QUIT "$pg") >/dev/null 2>&1 &
}
exec 3<&0
(while read -r _ <&3; do :; done; stop) >/dev/null 2>&1 &
watcher=$!
trap stop INT TERM
status=0
while kill -0 "$pg" 2>/dev/null; do wait "$pg"; status=$?; done
kill "$watcher" 2>/dev/null
rm -rf "$CUTX_PG_SOCKET_DIR"
exit "$status"
`;
