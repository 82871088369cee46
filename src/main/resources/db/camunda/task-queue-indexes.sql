-- Indexes on Camunda's tables for the Tasklist queues (issue 21; config.QueueBenchmark prints their effect and
-- the plans). Created at every start once Camunda has made its tables (config.CamundaIndexes), not by Flyway,
-- which may run before Camunda's schema exists. Plain SQL that H2 and PostgreSQL both accept; idempotent.
-- Each carries, after the columns a query looks up, the columns it then reads, so that PostgreSQL answers from
-- the index alone (an index-only scan) rather than reading the table's row for each of a queue's tasks: ana's
-- evidence queue has 15,000 at 50,000 open dossiers. Where a queue reads a whole set (a group's candidate links,
-- a group's grants, one variable of every dossier), the index starts with what names the set, so that the set is
-- one short range of the index, read once and hashed, rather than 15,000 probes; the same index still answers a
-- probe for one task, since a probe gives every column it looks up.
-- The open tasks of one step (taskDefinitionKey), with what the task query then checks, joins on and sorts by
-- (suspended, tenant, id, process instance, creation date: Tasklist always sorts by it last, case execution: the
-- grant check reads it). Replaces parcours_idx_task_def_key and parcours_idx_task_queue (without the last two).
CREATE INDEX IF NOT EXISTS parcours_idx_task_step ON act_ru_task (task_def_key_, proc_def_id_, suspension_state_,
  tenant_id_, id_, proc_inst_id_, create_time_, case_execution_id_);
DROP INDEX IF EXISTS parcours_idx_task_def_key;
DROP INDEX IF EXISTS parcours_idx_task_queue;
-- The candidate links of a group (a queue: 25,000 for the ANS reviewers), or of one task to a group. Camunda's
-- own indexes have the group alone or the task alone. Replaces parcours_idx_link_task_group (task first).
CREATE INDEX IF NOT EXISTS parcours_idx_link_group_task ON act_ru_identitylink (group_id_, type_, task_id_);
DROP INDEX IF EXISTS parcours_idx_link_task_group;
-- A filter sorted by a variable of the dossier (the ANS evidence queue: evidenceQueuedAt) joins each task to that
-- variable of its process instance by name, type and execution, and sorts by its value (a date or a number; a
-- text is not carried: it may be long). Name first: that variable of every dossier is one range (15,000 entries
-- out of 1.9 million variables), where execution first scattered the probes over the whole index. Camunda's own
-- index has the execution only, and a dossier has some forty variables. Replaces parcours_idx_var_exe_name and
-- parcours_idx_var_exe_name_type (execution first).
CREATE INDEX IF NOT EXISTS parcours_idx_var_name_type_exe ON act_ru_variable (name_, type_, execution_id_, long_,
  double_);
DROP INDEX IF EXISTS parcours_idx_var_exe_name;
DROP INDEX IF EXISTS parcours_idx_var_exe_name_type;
-- The grants on one resource (config.VariableGrantCheck probes a dossier's and a task's; config.TaskGrantCheck
-- asks for "*"), with who holds them and what they permit. Camunda's own index has the resource id only.
CREATE INDEX IF NOT EXISTS parcours_idx_auth_resource ON act_ru_authorization (resource_id_, resource_type_,
  group_id_, user_id_, type_, perms_);
-- The grants of a group on one type of resource, with what they permit and on what (config.TaskGrantCheck reads
-- the set of tasks a user's groups may read once per query). Camunda's own unique index lacks the permissions.
CREATE INDEX IF NOT EXISTS parcours_idx_auth_group_grants ON act_ru_authorization (group_id_, resource_type_, type_,
  perms_, resource_id_);
