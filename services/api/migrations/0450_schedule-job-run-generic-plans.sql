-- Up Migration
-- platform.schedule_job_run (migrations/0003) calls graphile-worker's add_job, a PL/pgSQL
-- function that calls add_jobs, whose statements take the job specs as an array parameter.
-- PL/pgSQL prepares each statement once per session and plans it again on every call while a
-- custom plan looks cheaper than the generic one (PostgreSQL documentation, PREPARE: "plan_cache_mode");
-- with the array parameter it always does (a constant array has a known length, a parameter is
-- estimated at 10 elements), so every queued job re-planned add_jobs' four statements: about a
-- quarter of the PostgreSQL CPU of a sticker request (bench/README.md, Quota spend). The
-- generic plans are the same index and small-table plans, made once per session. The setting
-- holds inside the function and what it calls, and is restored when it returns.
ALTER FUNCTION platform.schedule_job_run(uuid) SET plan_cache_mode = force_generic_plan;

-- Down Migration
ALTER FUNCTION platform.schedule_job_run(uuid) RESET plan_cache_mode;
