-- Up Migration
-- Takes back migration 0450. With plan_cache_mode = force_generic_plan, a session plans
-- graphile-worker's add_jobs statements once, with the statistics of that moment; a pool
-- connection's first enqueue usually meets a nearly empty (or never analysed) _private_jobs, and
-- the generic plan of add_jobs' "UPDATE … FROM unnest(specs) … WHERE jobs.key = spec.job_key" is
-- then a hash join over a sequential scan of every queued job, kept for the connection's life:
-- each enqueue grew with the backlog (bench/README.md, Quota spend). Custom plans, re-made per
-- call, use the key's unique index whatever the table held when the session began.
ALTER FUNCTION platform.schedule_job_run(uuid) RESET plan_cache_mode;

-- Down Migration
ALTER FUNCTION platform.schedule_job_run(uuid) SET plan_cache_mode = force_generic_plan;
