#!/usr/bin/env bash
# Regenerate the single Initial migration for both providers (nothing is deployed yet), and the
# compiled models.
set -e
# Before the first release only: once a network runs Kalkan, add incremental migrations instead.
cd "$(dirname "$0")/.."
# The old compiled models go first: one naming a type that moved would not build.
rm -rf Storage/Migrations Storage/Compiled
dotnet ef migrations add Initial --context SqliteKalkanDb --output-dir Storage/Migrations/Sqlite --namespace Kalkan.Storage.Migrations.Sqlite >/dev/null
dotnet ef migrations add Initial --context PostgresKalkanDb --output-dir Storage/Migrations/Postgres --namespace Kalkan.Storage.Migrations.Postgres >/dev/null
# dotnet-ef puts the snapshot under a doubled folder when given --output-dir; move it home.
if [ -d Kalkan/Storage/Migrations ]; then
  mv Kalkan/Storage/Migrations/Sqlite/*Snapshot.cs Storage/Migrations/Sqlite/
  mv Kalkan/Storage/Migrations/Postgres/*Snapshot.cs Storage/Migrations/Postgres/
  rm -rf Kalkan
fi
rm -f design.db
ls Storage/Migrations/*
# The models the server runs on, compiled ahead (start-up, docs/decisions/1503); CompiledModelTests
# fail until this has run after a change to the model.
dotnet ef dbcontext optimize --context SqliteKalkanDb --output-dir Storage/Compiled/Sqlite --namespace Kalkan.Storage.Compiled.Sqlite >/dev/null
dotnet ef dbcontext optimize --context PostgresKalkanDb --output-dir Storage/Compiled/Postgres --namespace Kalkan.Storage.Compiled.Postgres >/dev/null
