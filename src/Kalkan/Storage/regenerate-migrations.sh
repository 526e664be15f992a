#!/usr/bin/env bash
# Regenerate the single Initial migration for both providers (nothing is deployed yet).
set -e
# Before the first release only: once a network runs Kalkan, add incremental migrations instead.
cd "$(dirname "$0")/.."
rm -rf Storage/Migrations
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
