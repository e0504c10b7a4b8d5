/**
 * EXP, levels and achievements (docs/products/nex.md, EXP, levels and achievements). The service
 * only reads these tables; earning happens in functions owned by yorozu_counters.
 */
import { nex } from '@yorozu/contract';
import { type CommonQueryMethods, sql } from 'slonik';
import { rowType } from '../../db/row-type.ts';
import { afterPosition, type Position } from '../../kernel/pagination.ts';

const LevelRow = rowType(nex.gamification.Level);
const ExpActionRow = rowType(nex.gamification.ExpAction);
const ExpLogRow = rowType(nex.gamification.ExpLogEntry);
const AchievementRow = rowType(nex.gamification.Achievement);
const CheckInRow = rowType(nex.gamification.CheckIn);

export const LEVELS_SHOWN = 100;

/** From the same SQL function the level column is computed with, so the two cannot disagree. */
export function listLevels(db: CommonQueryMethods) {
  return db.any(sql.type(LevelRow)`
    SELECT n AS level, nex.level_min_exp(n) AS "minExp" FROM generate_series(1, ${LEVELS_SHOWN}) n ORDER BY n
  `);
}

export function listExpActions(db: CommonQueryMethods) {
  return db.any(sql.type(ExpActionRow)`
    SELECT action_type AS "actionType", base_exp AS "baseExp", max_daily_count AS "maxDailyCount", description
    FROM nex.exp_actions WHERE is_active ORDER BY action_type
  `);
}

export function listExpLog(db: CommonQueryMethods, accountId: string, after: Position | null, take: number) {
  return db.any(sql.type(ExpLogRow)`
    SELECT id, action_type AS "actionType", exp_gained AS "expGained", reference_type AS "referenceType",
      reference_id AS "referenceId", created_at AS "createdAt"
    FROM nex.user_exp_log
    WHERE account_id = ${accountId} ${afterPosition(after)}
    ORDER BY created_at DESC, id DESC
    LIMIT ${take}
  `);
}

/** Every active achievement with the caller's progress (none for anonymous callers); hidden ones once earned. */
export function listAchievements(db: CommonQueryMethods) {
  return db.any(sql.type(AchievementRow)`
    SELECT a.code, a.name, a.description, a.category, a.condition_type AS "conditionType",
      a.condition_value AS "conditionValue", a.rarity, a.is_hidden AS "isHidden",
      CASE WHEN platform.current_account_id() IS NULL THEN NULL ELSE COALESCE(u.progress, 0) END AS progress,
      u.completed_at AS "completedAt"
    FROM nex.achievements a
    LEFT JOIN nex.user_achievements u
      ON u.achievement_id = a.id AND u.account_id = platform.current_account_id()
    WHERE a.is_active AND (NOT a.is_hidden OR u.completed_at IS NOT NULL)
    ORDER BY a.sort_order, a.code
  `);
}

/** The caller's check-in (nex.check_in binds to the calling account itself); streak null without a creator profile. */
export function checkIn(db: CommonQueryMethods) {
  return db.one(sql.type(CheckInRow)`SELECT streak, exp_gained AS "expGained" FROM nex.check_in()`);
}
