-- The audit_log table linecast writes cost and audit events to.
-- Apply with `linecast migrate` (which can rename the table) or `psql -f`.
-- Every statement is idempotent: running this file twice changes nothing.
-- One row per event line; `id` is the line's eventId, so a replayed line
-- never adds a second row (inserts use ON CONFLICT (id) DO NOTHING).

create table if not exists audit_log (
  id uuid primary key,
  created_at timestamptz not null,
  user_id text,
  action text not null,
  resource_type text,
  resource_id text,
  request_id text,
  metadata jsonb not null default '{}'::jsonb
);

-- time-window scans: exports, retention, "what happened yesterday"
create index if not exists audit_log_created_at_idx on audit_log (created_at);

-- "every <action> in a period"
create index if not exists audit_log_action_created_at_idx on audit_log (action, created_at);

-- one actor's history, newest first
create index if not exists audit_log_user_id_idx on audit_log (user_id, created_at);

-- one resource's history
create index if not exists audit_log_resource_idx on audit_log (resource_type, resource_id);

-- AI cost reports: every cost query filters on the event kind and a time window
-- and groups by model; the partial index keeps audit rows out of it.
create index if not exists audit_log_cost_idx on audit_log (created_at, (metadata ->> 'model'))
  where metadata ->> 'kind' = 'cost';
