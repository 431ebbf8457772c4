/**
 * The SQL of the reach report (services/reach/reachReport.ts) over the reach tables only
 * (`reach_activity`, `reach_event`, `reach_alias`; prisma/schema/reach.prisma).
 *
 * Parameters of every statement: $1 first day, $2 last day (dates, inclusive), $3 the digibanks as
 * JSON `[{"digibank_id","municipality","province"}]`.
 *
 * `person_scope` says whom each person counts for: `total` (everyone reached), `digibank` (each
 * digibank the person's facts of the period link them to; `''` = not linked to any), `municipality`
 * and `province` (those of the linked digibanks). A person is reached in the period when they wrote
 * (`reach_activity`) or a fact other than a cost names them (a booking made for them in the
 * console, a loan picked up). A web chat visitor who identified counts as the person they proved
 * to be (`reach_alias`).
 */

/** Facts that carry the digibank they count for (the others count for the person's digibanks). */
export const DIGIBANK_KINDS = [
  'appointment_made', 'appointment_kept', 'appointment_no_show', 'appointment_cancelled', 'home_visit',
  'loan_requested', 'loan_started', 'loan_returned', 'donation',
  'handoff', 'handoff_claimed', 'handoff_unanswered', 'callback_requested', 'callback_done', 'location_chosen',
] as const;

/** Facts that are costs: they do not make a person reached. */
export const COST_KINDS = ['sms_sent', 'whatsapp_template'] as const;

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

const BASE = `
  WITH scopes AS (
    SELECT * FROM jsonb_to_recordset($3::jsonb) AS s(digibank_id text, municipality text, province text)
  ), act AS (
    SELECT COALESCE(al.person_key, a.person_key) AS p, a.day, a.conversation_key, a.channel, a.language, a.messages_in + a.messages_out AS msgs
      FROM reach_activity a LEFT JOIN reach_alias al ON al.alias_key = a.person_key
     WHERE a.day BETWEEN $1::date AND $2::date
  ), ev AS (
    SELECT COALESCE(al.person_key, e.person_key) AS p, e.day, e.kind, e.digibank_id, e.value, e.detail, e.ref
      FROM reach_event e LEFT JOIN reach_alias al ON al.alias_key = e.person_key
     WHERE e.day BETWEEN $1::date AND $2::date
  ), link AS (
    SELECT DISTINCT p, digibank_id FROM ev WHERE p IS NOT NULL AND digibank_id IS NOT NULL
  ), people AS (
    SELECT p FROM act UNION SELECT p FROM ev WHERE p IS NOT NULL AND kind NOT IN (${list(COST_KINDS)})
  ), person_scope AS (
    SELECT p, 'total' AS level, '' AS scope FROM people
    UNION ALL SELECT l.p, 'digibank', l.digibank_id FROM link l JOIN people USING (p)
    UNION ALL SELECT p, 'digibank', '' FROM people WHERE NOT EXISTS (SELECT 1 FROM link l WHERE l.p = people.p)
    UNION SELECT l.p, 'municipality', s.province || '|' || s.municipality FROM link l JOIN people USING (p) JOIN scopes s USING (digibank_id) WHERE s.municipality IS NOT NULL
    UNION SELECT l.p, 'province', s.province FROM link l JOIN people USING (p) JOIN scopes s USING (digibank_id) WHERE s.province IS NOT NULL
  )`;

/** Unique people per scope. */
export const PEOPLE_SQL = `${BASE}
  SELECT level, scope, count(*)::int AS people FROM person_scope GROUP BY level, scope`;

/**
 * What people wrote, per scope: conversations (a conversation on a day), messages (theirs and the
 * replies), and unique people and messages per channel and per language.
 */
export const ACTIVITY_SQL = `${BASE}
  SELECT ps.level, ps.scope, a.channel, a.language, GROUPING(a.channel)::int AS all_channels, GROUPING(a.language)::int AS all_languages,
         count(DISTINCT a.p)::int AS people, count(*)::int AS conversations, sum(a.msgs)::int AS messages
    FROM act a JOIN person_scope ps ON ps.p = a.p
   GROUP BY GROUPING SETS ((ps.level, ps.scope), (ps.level, ps.scope, a.channel), (ps.level, ps.scope, a.language))`;

/**
 * Facts per scope and kind: how many, their values summed, the median and 90th percentile of the
 * values (handoff waits), and per topic. Digibank facts count for their digibank (and its
 * municipality and province), the others for each scope of their person.
 */
export const EVENTS_SQL = `${BASE}, event_scope AS (
    SELECT e.*, 'total' AS level, '' AS scope FROM ev e
    UNION ALL SELECT e.*, 'digibank', COALESCE(e.digibank_id, '') FROM ev e WHERE e.kind IN (${list(DIGIBANK_KINDS)})
    UNION ALL SELECT e.*, 'municipality', s.province || '|' || s.municipality FROM ev e JOIN scopes s USING (digibank_id) WHERE e.kind IN (${list(DIGIBANK_KINDS)}) AND s.municipality IS NOT NULL
    UNION ALL SELECT e.*, 'province', s.province FROM ev e JOIN scopes s USING (digibank_id) WHERE e.kind IN (${list(DIGIBANK_KINDS)}) AND s.province IS NOT NULL
    UNION ALL SELECT e.*, ps.level, ps.scope FROM ev e JOIN person_scope ps ON ps.p = e.p AND ps.level <> 'total' WHERE e.kind NOT IN (${list(DIGIBANK_KINDS)})
    UNION ALL SELECT e.*, 'digibank', '' FROM ev e WHERE e.p IS NULL AND e.kind NOT IN (${list(DIGIBANK_KINDS)})
    UNION ALL SELECT e.*, 'digibank', '' FROM ev e WHERE e.kind IN (${list(COST_KINDS)}) AND e.p IS NOT NULL AND NOT EXISTS (SELECT 1 FROM person_scope ps WHERE ps.p = e.p AND ps.level = 'digibank')
  )
  SELECT level, scope, kind, CASE WHEN kind = 'topic' THEN detail END AS topic, count(*)::int AS n, COALESCE(sum(value), 0)::float AS total,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY value) AS p90
    FROM event_scope GROUP BY level, scope, kind, CASE WHEN kind = 'topic' THEN detail END`;

/**
 * Loans overdue at the end of the period: picked up by then, due before its last day, not returned
 * by then (whatever the period's first day). $1 is unused but typed the same as the others.
 */
export const OVERDUE_SQL = `
  WITH scopes AS (
    SELECT * FROM jsonb_to_recordset($3::jsonb) AS s(digibank_id text, municipality text, province text)
  ), late AS (
    SELECT e.digibank_id FROM reach_event e
     WHERE e.kind = 'loan_started' AND e.day <= $2::date AND e.detail < to_char($2::date, 'YYYY-MM-DD') AND $1::date IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM reach_event r WHERE r.kind = 'loan_returned' AND r.ref = e.ref AND r.day <= $2::date)
  )
  SELECT 'total' AS level, '' AS scope, count(*)::int AS n FROM late
  UNION ALL SELECT 'digibank', COALESCE(digibank_id, ''), count(*)::int FROM late GROUP BY digibank_id
  UNION ALL SELECT 'municipality', s.province || '|' || s.municipality, count(*)::int FROM late JOIN scopes s USING (digibank_id) GROUP BY 2
  UNION ALL SELECT 'province', s.province, count(*)::int FROM late JOIN scopes s USING (digibank_id) GROUP BY 2`;

/** Unique people per ISO week (Monday) of the period, per digibank scope and in total. */
export const WEEKS_SQL = `${BASE}, person_days AS (
    SELECT p, day FROM act UNION SELECT p, day FROM ev WHERE p IS NOT NULL AND kind NOT IN (${list(COST_KINDS)})
  )
  SELECT ps.level, ps.scope, to_char(date_trunc('week', d.day), 'YYYY-MM-DD') AS week, count(DISTINCT d.p)::int AS people
    FROM person_days d JOIN person_scope ps ON ps.p = d.p
   WHERE ps.level IN ('total', 'digibank')
   GROUP BY ps.level, ps.scope, 3`;
