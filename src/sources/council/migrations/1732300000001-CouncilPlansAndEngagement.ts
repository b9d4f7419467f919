import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The council's delivery-plan tracker (strategy → objectives → numbered ambitions → actions,
 * with a RAG status per reporting period) and its engagement log ("you said, we did").
 */
export class CouncilPlansAndEngagement1732300000001 implements MigrationInterface {
  name = 'CouncilPlansAndEngagement1732300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plan_strategy (
        strategy_ref  text PRIMARY KEY,
        title         text NOT NULL,
        period_text   text,
        partnership_code text,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        withdrawn_at  timestamptz
      )`);
    await q.query(`
      CREATE TABLE plan_objective (
        objective_ref  text PRIMARY KEY,
        strategy_ref   text NOT NULL REFERENCES plan_strategy(strategy_ref),
        theme          text,
        title          text NOT NULL,
        position       integer NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        withdrawn_at   timestamptz
      )`);
    await q.query(`CREATE INDEX plan_objective_strategy ON plan_objective (strategy_ref)`);
    await q.query(`
      CREATE TABLE plan_ambition (
        ambition_ref   text PRIMARY KEY,
        objective_ref  text NOT NULL REFERENCES plan_objective(objective_ref),
        number         integer NOT NULL,
        text           text NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        withdrawn_at   timestamptz
      )`);
    await q.query(`CREATE INDEX plan_ambition_objective ON plan_ambition (objective_ref)`);
    await q.query(`
      CREATE TABLE plan_action (
        action_ref     text PRIMARY KEY,
        objective_ref  text NOT NULL REFERENCES plan_objective(objective_ref),
        position       integer NOT NULL,
        title          text NOT NULL,
        lead_person    text,
        lead_org_code  text,
        deadline_text  text,
        deadline_date  date,
        comments       text,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        withdrawn_at   timestamptz
      )`);
    await q.query(`CREATE INDEX plan_action_objective ON plan_action (objective_ref)`);
    await q.query(`CREATE INDEX plan_action_lead_org ON plan_action (lead_org_code)`);
    await q.query(`
      CREATE TABLE action_status (
        action_ref    text NOT NULL REFERENCES plan_action(action_ref),
        period        text NOT NULL,
        rag           text NOT NULL CHECK (rag IN ('R','A','G')),
        comment       text,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        withdrawn_at  timestamptz,
        PRIMARY KEY (action_ref, period)
      )`);
    await q.query(`CREATE INDEX action_status_period ON action_status (period, rag)`);
    await q.query(`
      CREATE TABLE engagement_activity (
        activity_ref   text PRIMARY KEY,
        kind           text NOT NULL,
        title          text NOT NULL,
        audience       text,
        locality_code  text,
        held_on        date,
        held_text      text,
        description    text,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        withdrawn_at   timestamptz
      )`);
    await q.query(`
      CREATE TABLE you_said_we_did (
        record_ref     text PRIMARY KEY,
        activity_ref   text REFERENCES engagement_activity(activity_ref),
        you_said       text NOT NULL,
        we_did         text NOT NULL,
        action_ref     text REFERENCES plan_action(action_ref),
        service_source text CHECK (service_source IN ('ccg','council','trust')),
        service_key    text,
        updated_at     timestamptz NOT NULL DEFAULT now(),
        withdrawn_at   timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'you_said_we_did',
      'engagement_activity',
      'action_status',
      'plan_action',
      'plan_ambition',
      'plan_objective',
      'plan_strategy',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
