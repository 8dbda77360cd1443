# Starting and stopping a project-local PostgreSQL with the machine's own binaries.
# Sourced by scripts/run and scripts/test; PostgreSQL refuses to run as root, so as root the server runs as 'postgres'.

pg_bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$dir" ] || [ ! -x "$dir/initdb" ]; then
    echo "PostgreSQL server binaries not found. On Debian/Ubuntu: sudo apt-get install -y postgresql" >&2
    return 1
  fi
  echo "$dir"
}

pg_as_owner() {
  if [ "$(id -u)" = "0" ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "no free port found" >&2
  return 1
}

# pg_start DATA_DIR PORT: creates the cluster on first use, then starts it on 127.0.0.1:PORT (trust auth, loopback only).
pg_start() {
  local data="$1" port="$2" bin
  bin=$(pg_bin_dir) || return 1
  mkdir -p "$data"
  if [ "$(id -u)" = "0" ]; then
    chown postgres: "$data"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$data.initdb.log" 2>&1 \
      || { cat "$data.initdb.log" >&2; return 1; }
  fi
  # By default each new WAL segment is zero-filled, 16 MB written while commits wait, every time the log outgrows its
  # files; under load that showed as stalls of about 100 ms in the tracking hits' p99 (scripts/bench load). Without
  # zero-filling, and with fewer checkpoints, commits are just as durable and stop stalling.
  # Every page the log grows by is written as zeros through the page cache and stays dirty there until PostgreSQL
  # evicts it; Linux then writes a file's dirty pages all at once, 30 s after the first, and the next WAL flush waits
  # for all of it (commits of 250 to 400 ms). Small shared buffers that PostgreSQL flushes as it evicts them keep the
  # page cache's dirty data at about 16 MB, so that burst never builds up (README, Configuration).
  # The log's busy day partition is vacuumed and analysed while hits arrive (the classifier's revisions leave dead rows);
  # at the default pace of 2 ms per cost round that work took both cores for seconds and the hits' p99 rose by about
  # 5 ms. At 10 ms (PostgreSQL's default until version 12 was 20 ms) the same work spreads out thinly.
  pg_as_owner "$bin/pg_ctl" -D "$data" -w -t 60 -l "$data/server.log" \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $data -c max_connections=300 -c fsync=${PG_FSYNC:-on} -c wal_init_zero=off -c max_wal_size=4GB -c shared_buffers=16MB -c backend_flush_after=256kB -c autovacuum_vacuum_cost_delay=10ms" start >/dev/null \
    || { tail -n 30 "$data/server.log" >&2; return 1; }
}

pg_stop() {
  local data="$1" bin
  bin=$(pg_bin_dir) || return 1
  if [ -f "$data/postmaster.pid" ]; then
    pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
  fi
}

# pg_ensure_database PORT NAME
pg_ensure_database() {
  local port="$1" name="$2"
  if ! psql -h 127.0.0.1 -p "$port" -U postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$name'" postgres | grep -q 1; then
    psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE \"$name\"" postgres
  fi
}
