#!/usr/bin/env bash
# Generates a migration for each dialect from the difference between the entities and a database migrated to
# the current head: `npm run migration:generate -- AddSomething`. Needs the PostgreSQL at $PG_ADMIN_URL.
set -euo pipefail
name=${1:?usage: npm run migration:generate -- <Name>}
pg_admin=${PG_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/test}
npm run -s build
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; psql "$pg_admin" -qc "DROP DATABASE IF EXISTS migration_gen" >/dev/null' EXIT
cli="node node_modules/typeorm/cli.js"
SQLITE_PATH="$tmp/gen.sqlite" $cli migration:run -d dist/database/cli-data-source.js >/dev/null
SQLITE_PATH="$tmp/gen.sqlite" $cli migration:generate "src/database/migrations/sqlite/$name" -d dist/database/cli-data-source.js
psql "$pg_admin" -qc "DROP DATABASE IF EXISTS migration_gen" -c "CREATE DATABASE migration_gen" >/dev/null
pg_url="${pg_admin%/*}/migration_gen"
DATABASE_URL="$pg_url" $cli migration:run -d dist/database/cli-data-source.js >/dev/null
DATABASE_URL="$pg_url" $cli migration:generate "src/database/migrations/postgres/$name" -d dist/database/cli-data-source.js
echo "Now add the new classes to src/database/migrations/{sqlite,postgres}/index.ts"
