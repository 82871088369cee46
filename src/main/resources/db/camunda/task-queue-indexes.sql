-- Indexes on Camunda's tables for the Tasklist queues (issue 21; config.QueueBenchmark prints their effect and
-- the plans). Created at every start once Camunda has made its tables (config.CamundaIndexes), not by Flyway,
-- which may run before Camunda's schema exists. Plain SQL that H2 and PostgreSQL both accept; idempotent.
-- Each carries, after the columns a query looks up, the columns it then reads, so that PostgreSQL answers from
-- the index alone (an index-only scan) rather than reading the table's row for each of a queue's tasks: ana's
-- evidence queue has 15,000 at 50,000 open dossiers.
-- The open tasks of one step (taskDefinitionKey), with what the task query then checks and joins on (suspended,
-- tenant, id, process instance). Replaces parcours_idx_task_def_key (the first two columns only).
CREATE INDEX IF NOT EXISTS parcours_idx_task_queue ON act_ru_task (task_def_key_, proc_def_id_, suspension_state_,
  tenant_id_, id_, proc_inst_id_);
DROP INDEX IF EXISTS parcours_idx_task_def_key;
-- A task's candidate groups: the queues of a group (I.GROUP_ID_, I.TYPE_) probed task by task. Camunda's own index
-- has the task only.
CREATE INDEX IF NOT EXISTS parcours_idx_link_task_group ON act_ru_identitylink (task_id_, group_id_, type_);
-- A filter sorted by a variable of the dossier (the ANS evidence queue: evidenceQueuedAt) joins each task to that
-- variable of its process instance by execution, name and type, and sorts by its value (a date or a number; a
-- text is not carried: it may be long). Camunda's own index has the execution only, and a dossier has some forty
-- variables. Replaces parcours_idx_var_exe_name (execution and name only).
CREATE INDEX IF NOT EXISTS parcours_idx_var_exe_name_type ON act_ru_variable (execution_id_, name_, type_, long_,
  double_);
DROP INDEX IF EXISTS parcours_idx_var_exe_name;
-- The grants on one resource (config.TaskGrantCheck probes a task's, and "*"), with who holds them and what they
-- permit. Camunda's own index has the resource id only.
CREATE INDEX IF NOT EXISTS parcours_idx_auth_resource ON act_ru_authorization (resource_id_, resource_type_,
  group_id_, user_id_, type_, perms_);
