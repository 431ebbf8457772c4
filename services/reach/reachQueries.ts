/**
 * The SQL of the reach report (services/reach/reachReport.ts) over the reach tables only
 * (`reach_activity`, `reach_event`, `reach_alias`; prisma/schema/reach.prisma).
 *
 * Parameters of every statement: $1 first day, $2 last day (dates, inclusive), $3 the digibanks as
 * JSON `[{"digibank_id","municipality","province"}]`, $4 one digibank (its people only) or null (all).
 *
 * Whom each person counts for (`person_scope`): `total` (everyone reached), `digibank` (each digibank
 * the person's facts of the period link them to; `''` = not linked to any), `municipality` and
 * `province` (those of the linked digibanks). A person is reached in the period when they wrote
 * (`reach_activity`) or a fact other than a cost names them (a booking made for them in the console,
 * a loan picked up). A web chat visitor who identified counts as the person they proved to be
 * (`reach_alias`).
 *
 * Speed: what a person did in the period is summed once per person (`per_person`: one row per
 * person, with a flag and a message count per channel and per language), and only then joined to
 * their scopes, so that every figure is a plain sum per scope — no `count(DISTINCT …)` over the
 * joined rows (scripts/bench/report.ts).
 */

/** Facts that carry the digibank they count for (the others count for the person's digibanks). */
export const DIGIBANK_KINDS = [
  'appointment_made', 'appointment_kept', 'appointment_no_show', 'appointment_cancelled', 'home_visit',
  'workshop_registered', 'workshop_cancelled', 'workshop_attended', 'repair_requested',
  'loan_requested', 'loan_started', 'loan_returned', 'donation',
  'handoff', 'handoff_claimed', 'handoff_unanswered', 'callback_requested', 'callback_done', 'location_chosen',
] as const;

/** Facts that are costs: they do not make a person reached. */
export const COST_KINDS = ['sms_sent', 'whatsapp_template'] as const;

/** Channels and languages with a column of their own; others count as `other` / `unknown`. */
export const NAMED_CHANNELS = ['whatsapp', 'sms', 'webchat'] as const;
export const NAMED_LANGUAGES = ['nl', 'fr', 'en', 'nl-simple', 'fr-simple', 'en-simple'] as const;

const list = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');
/** A column name for a channel or a language (`nl-simple` → `nl_simple`). */
export const columnOf = (value: string) => value.replace(/-/g, '_');

const SCOPES_AND_FACTS = `
  scopes AS (
    SELECT * FROM jsonb_to_recordset($3::jsonb) AS s(digibank_id text, municipality text, province text)
  ), ev_all AS (
    SELECT COALESCE(al.person_key, e.person_key) COLLATE "C" AS p, e.day, e.kind, e.digibank_id, e.value, e.detail,
           e.kind IN (${list(DIGIBANK_KINDS)}) AS bound, e.kind IN (${list(COST_KINDS)}) AS cost
      FROM reach_event e LEFT JOIN reach_alias al ON al.alias_key = e.person_key
     WHERE e.day BETWEEN $1::date AND $2::date
  ), link AS (
    SELECT DISTINCT p, digibank_id FROM ev_all WHERE bound AND p IS NOT NULL AND digibank_id IS NOT NULL
  ), chosen AS (
    SELECT p FROM link WHERE digibank_id = $4::text
  ), ev AS (
    SELECT * FROM ev_all WHERE $4::text IS NULL OR digibank_id = $4::text OR p IN (SELECT p FROM chosen)
  ), link_area AS (
    SELECT DISTINCT l.p, 'municipality' AS level, s.province || '|' || s.municipality AS scope FROM link l JOIN scopes s USING (digibank_id) WHERE s.municipality IS NOT NULL
    UNION ALL
    SELECT DISTINCT l.p, 'province', s.province FROM link l JOIN scopes s USING (digibank_id) WHERE s.province IS NOT NULL
  )`;

const ACTIVITY = `
  act AS (
    SELECT COALESCE(al.person_key, a.person_key) COLLATE "C" AS p, a.day, a.channel, a.language, a.messages_in + a.messages_out AS msgs
      FROM reach_activity a LEFT JOIN reach_alias al ON al.alias_key = a.person_key
     WHERE a.day BETWEEN $1::date AND $2::date
       AND ($4::text IS NULL OR COALESCE(al.person_key, a.person_key) IN (SELECT p FROM chosen))
  ), by_channel_language AS (
    SELECT p, channel, language, count(*) AS conversations, sum(msgs) AS msgs FROM act GROUP BY p, channel, language
  ), fact_people AS (
    -- People whom a fact names, to find those who did not write: the facts of a digibank name them
    -- (\`link\`, already distinct), or a digibank's fact without a digibank; a topic is only ever
    -- recorded with the message it was understood in.
    SELECT p FROM link WHERE $4::text IS NULL OR digibank_id = $4::text
    UNION
    SELECT p FROM ev WHERE p IS NOT NULL AND bound AND digibank_id IS NULL
  )`;

const channelFlags = [
  ...NAMED_CHANNELS.map((c) => `bool_or(channel = '${c}') AS ch_${c}, COALESCE(sum(msgs) FILTER (WHERE channel = '${c}'), 0) AS chm_${c}`),
  `bool_or(channel NOT IN (${list(NAMED_CHANNELS)})) AS ch_other, COALESCE(sum(msgs) FILTER (WHERE channel NOT IN (${list(NAMED_CHANNELS)})), 0) AS chm_other`,
  ...NAMED_LANGUAGES.map((l) => `bool_or(language = '${l}') AS la_${columnOf(l)}, COALESCE(sum(msgs) FILTER (WHERE language = '${l}'), 0) AS lam_${columnOf(l)}`),
  `bool_or(channel IS NOT NULL AND (language IS NULL OR language NOT IN (${list(NAMED_LANGUAGES)}))) AS la_unknown, COALESCE(sum(msgs) FILTER (WHERE language IS NULL OR language NOT IN (${list(NAMED_LANGUAGES)})), 0) AS lam_unknown`,
].join(',\n           ');

const channelSums = [...NAMED_CHANNELS, 'other'].map((c) => `(count(*) FILTER (WHERE ch_${c}))::int AS ch_${c}, sum(chm_${c})::int AS chm_${c}`)
  .concat([...NAMED_LANGUAGES.map(columnOf), 'unknown'].map((l) => `(count(*) FILTER (WHERE la_${l}))::int AS la_${l}, sum(lam_${l})::int AS lam_${l}`))
  .join(',\n         ');

/**
 * Per scope: unique people, conversations (a conversation on a day on which the person wrote),
 * messages (theirs and the replies), and unique people and messages per channel and per language
 * (columns `ch_<channel>`, `chm_<channel>`, `la_<language>`, `lam_<language>`).
 */
export const PEOPLE_SQL = `
  WITH ${SCOPES_AND_FACTS}, ${ACTIVITY}, per_person AS (
    SELECT p, sum(conversations)::int AS conversations, sum(msgs)::int AS messages,
           ${channelFlags}
      FROM by_channel_language GROUP BY p
    UNION ALL
    SELECT p, 0, 0, ${[...NAMED_CHANNELS, 'other'].map((c) => `false, 0`).concat([...NAMED_LANGUAGES, 'unknown'].map(() => 'false, 0')).join(', ')}
      FROM fact_people f WHERE NOT EXISTS (SELECT 1 FROM by_channel_language b WHERE b.p = f.p)
  ), person_scope AS (
    SELECT p, 'digibank' AS level, digibank_id AS scope FROM link WHERE $4::text IS NULL OR digibank_id = $4::text
    UNION ALL SELECT p, 'digibank', '' FROM per_person pp WHERE $4::text IS NULL AND NOT EXISTS (SELECT 1 FROM link l WHERE l.p = pp.p)
    UNION ALL SELECT p, level, scope FROM link_area WHERE $4::text IS NULL
  )
  SELECT 'total' AS level, '' AS scope, count(*)::int AS people, sum(conversations)::int AS conversations, sum(messages)::int AS messages,
         ${channelSums}
    FROM per_person
  UNION ALL
  SELECT ps.level, ps.scope, count(*)::int, sum(pp.conversations)::int, sum(pp.messages)::int,
         ${channelSums}
    FROM person_scope ps JOIN per_person pp ON pp.p = ps.p
   GROUP BY ps.level, ps.scope`;

/** Unique people per ISO week (Monday) of the period: everyone's ($4 null), or those linked to the digibank $4 in the period. */
export const WEEKS_SQL = `
  WITH ${SCOPES_AND_FACTS}, ${ACTIVITY}, person_week AS (
    SELECT p, date_trunc('week', day)::date AS week FROM act
    UNION
    SELECT p, date_trunc('week', day)::date FROM ev WHERE p IS NOT NULL AND NOT cost
  )
  SELECT to_char(w.week, 'YYYY-MM-DD') AS week, count(*)::int AS people FROM person_week w GROUP BY w.week`;

/**
 * Facts per scope and kind: how many, their values summed, the median and 90th percentile of the
 * values (handoff waits), and per topic. Digibank facts count for their digibank (and its
 * municipality and province); the others (topics, costs) for each scope their person is linked to,
 * or for those not linked.
 */
export const EVENTS_SQL = `
  WITH ${SCOPES_AND_FACTS}, own AS (
    SELECT * FROM ev WHERE NOT bound
  ), event_scope AS (
    SELECT kind, detail, value, 'total' AS level, '' AS scope FROM ev
    UNION ALL SELECT kind, detail, value, 'digibank', COALESCE(digibank_id, '') FROM ev WHERE bound
    UNION ALL SELECT e.kind, e.detail, e.value, 'municipality', s.province || '|' || s.municipality FROM ev e JOIN scopes s USING (digibank_id) WHERE e.bound AND s.municipality IS NOT NULL
    UNION ALL SELECT e.kind, e.detail, e.value, 'province', s.province FROM ev e JOIN scopes s USING (digibank_id) WHERE e.bound AND s.province IS NOT NULL
    UNION ALL SELECT o.kind, o.detail, o.value, 'digibank', l.digibank_id FROM own o JOIN link l ON l.p = o.p WHERE $4::text IS NULL OR l.digibank_id = $4::text
    UNION ALL SELECT o.kind, o.detail, o.value, a.level, a.scope FROM own o JOIN link_area a ON a.p = o.p
    UNION ALL SELECT o.kind, o.detail, o.value, 'digibank', '' FROM own o WHERE o.p IS NULL OR NOT EXISTS (SELECT 1 FROM link l WHERE l.p = o.p)
  )
  SELECT level, scope, kind, CASE WHEN kind = 'topic' THEN detail END AS topic, count(*)::int AS n, COALESCE(sum(value), 0)::float AS total, NULL::float AS median, NULL::float AS p90
    FROM event_scope GROUP BY level, scope, kind, CASE WHEN kind = 'topic' THEN detail END`;

/** The median and 90th percentile of the waits for a volunteer (handoffs taken in the period), per scope. */
export const WAITS_SQL = `
  WITH scopes AS (
    SELECT * FROM jsonb_to_recordset($3::jsonb) AS s(digibank_id text, municipality text, province text)
  ), waits AS (
    SELECT e.value, e.digibank_id, s.municipality, s.province FROM reach_event e LEFT JOIN scopes s USING (digibank_id)
     WHERE e.kind = 'handoff_claimed' AND e.day BETWEEN $1::date AND $2::date AND ($4::text IS NULL OR e.digibank_id = $4::text)
  ), waits_scope AS (
    SELECT value, 'total' AS level, '' AS scope FROM waits
    UNION ALL SELECT value, 'digibank', COALESCE(digibank_id, '') FROM waits
    UNION ALL SELECT value, 'municipality', province || '|' || municipality FROM waits WHERE municipality IS NOT NULL
    UNION ALL SELECT value, 'province', province FROM waits WHERE province IS NOT NULL
  )
  SELECT level, scope, 'handoff_claimed' AS kind, NULL AS topic, count(*)::int AS n, sum(value)::float AS total,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY value) AS p90
    FROM waits_scope GROUP BY level, scope`;

/**
 * Loans overdue at the end of the period: picked up by then, due before its last day, not returned
 * by then (whatever the period's first day, which only types $1).
 */
export const OVERDUE_SQL = `
  WITH scopes AS (
    SELECT * FROM jsonb_to_recordset($3::jsonb) AS s(digibank_id text, municipality text, province text)
  ), late AS (
    SELECT e.digibank_id FROM reach_event e
     WHERE e.kind = 'loan_started' AND e.day <= $2::date AND e.detail < to_char($2::date, 'YYYY-MM-DD') AND $1::date IS NOT NULL
       AND ($4::text IS NULL OR e.digibank_id = $4::text)
       AND NOT EXISTS (SELECT 1 FROM reach_event r WHERE r.kind = 'loan_returned' AND r.ref = e.ref AND r.day <= $2::date)
  )
  SELECT 'total' AS level, '' AS scope, count(*)::int AS n FROM late
  UNION ALL SELECT 'digibank', COALESCE(digibank_id, ''), count(*)::int FROM late GROUP BY digibank_id
  UNION ALL SELECT 'municipality', s.province || '|' || s.municipality, count(*)::int FROM late JOIN scopes s USING (digibank_id) GROUP BY 2
  UNION ALL SELECT 'province', s.province, count(*)::int FROM late JOIN scopes s USING (digibank_id) GROUP BY 2`;
