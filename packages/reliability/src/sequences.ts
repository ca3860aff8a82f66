import type { Fault } from '@telcopay/mocks/faults';
import { MAX_RETRIES } from './matrix.js';

/** The most attempts a call makes: the first and its retries. */
const MAX_ATTEMPTS = MAX_RETRIES + 1;

/** mulberry32: a small, fast, seeded generator of floats in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seed per operation, derived from the run's seed, so each operation's sequences differ. */
export function seedFor(runSeed: number, name: string): number {
  let hash = runSeed >>> 0;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193) >>> 0;
  return hash;
}

/** The faults an operation's sequences draw from, and those after which its client sends again. */
export interface FaultSpace {
  faults: readonly Fault[];
  resending: readonly Fault[];
}

/**
 * The sequences of one operation: first those that cover its space (`requiredCoverage`), then
 * random ones until there are `count` (none when the covering ones are as many already).
 */
export function faultSequences(random: () => number, space: FaultSpace, count: number): Fault[][] {
  const covering = coveringSequences(random, space);
  return [...covering, ...randomSequences(random, space.faults, count - covering.length)];
}

/**
 * Every fault at every attempt the client can reach, then every pair not met yet (at a random
 * attempt); the attempts before are drawn at random among the faults that make the client send
 * again. In a seeded random order.
 */
function coveringSequences(random: () => number, space: FaultSpace): Fault[][] {
  const { faults, resending } = space;
  const before = (attempts: number) =>
    Array.from({ length: attempts }, () => pick(random, resending));
  const sequences: Fault[][] = [];
  for (let attempt = 1; attempt <= reachableAttempts(space); attempt += 1) {
    sequences.push(...faults.map((fault) => [...before(attempt - 1), fault]));
  }
  const met = new Set(sequences.flatMap(coverageOf));
  for (const pair of pairs(space)) {
    if (met.has(pair.label)) continue;
    sequences.push([...before(Math.floor(random() * (MAX_ATTEMPTS - 1))), pair.fault, pair.next]);
  }
  return shuffle(random, sequences);
}

/** `count` sequences one to three faults long (one per attempt), each fault drawn at random. */
function randomSequences(random: () => number, faults: readonly Fault[], count: number) {
  return Array.from({ length: Math.max(0, count) }, () =>
    Array.from({ length: 1 + Math.floor(random() * MAX_ATTEMPTS) }, () => pick(random, faults)),
  );
}

/**
 * What the attempts of an operation's calls must have met, over a run: each fault at each attempt
 * the client can reach (`#2 reset`), and each fault right after each fault that makes the client
 * send again, at any attempt (`reset → none`).
 */
export function requiredCoverage(space: FaultSpace): string[] {
  const classes: string[] = [];
  for (let attempt = 1; attempt <= reachableAttempts(space); attempt += 1) {
    classes.push(...space.faults.map((fault) => `#${attempt} ${fault}`));
  }
  return [...classes, ...pairs(space).map((pair) => pair.label)];
}

/** The classes of `requiredCoverage` that the faults one call's attempts met, in order, cover. */
export function coverageOf(played: readonly Fault[]): string[] {
  return played.flatMap((fault, index) => {
    const next = played[index + 1];
    return [`#${index + 1} ${fault}`, ...(next === undefined ? [] : [`${fault} → ${next}`])];
  });
}

/** Past the first attempt only after a fault that makes the client send again. */
function reachableAttempts(space: FaultSpace): number {
  return space.resending.length > 0 ? MAX_ATTEMPTS : 1;
}

function pairs({ faults, resending }: FaultSpace) {
  return resending.flatMap((fault) =>
    faults.map((next) => ({ fault, next, label: `${fault} → ${next}` })),
  );
}

function pick(random: () => number, from: readonly Fault[]): Fault {
  return from[Math.floor(random() * from.length)] ?? 'none';
}

function shuffle<T>(random: () => number, items: T[]): T[] {
  for (let index = items.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}
