-- Indexes on Camunda's tables for the Tasklist queues (issue 21; config.QueueBenchmark prints their effect and
-- the plans). Created at every start once Camunda has made its tables (config.CamundaIndexes), not by Flyway,
-- which may run before Camunda's schema exists. Plain SQL that H2 and PostgreSQL both accept; idempotent.
-- A filter sorted by a variable of the dossier (the ANS evidence queue: evidenceQueuedAt) joins each task to
-- that variable of its process instance by execution and name: Camunda's own index has the execution only, and
-- a dossier has some forty variables.
CREATE INDEX IF NOT EXISTS parcours_idx_var_exe_name ON act_ru_variable (execution_id_, name_);
-- The queues of one step (taskDefinitionKey): the open tasks of that step without reading every open task.
CREATE INDEX IF NOT EXISTS parcours_idx_task_def_key ON act_ru_task (task_def_key_, proc_def_id_);
