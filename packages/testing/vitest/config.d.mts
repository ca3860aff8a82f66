import type { UserConfig } from 'vitest/config';

export function telcopayVitestConfig(options?: {
  mocks?: boolean;
  typeTests?: boolean;
}): UserConfig;
