/** The server's configuration, read from the environment once and checked with zod. */
import { z } from 'zod';

const envSchema = z.object({
	PORT: z.coerce.number().int().min(1).max(65535).default(8787),
	HOST: z.string().min(1).default('0.0.0.0'),
	DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
		.optional(),
	STATIC_DIR: z.string().min(1).default('./build'),
	CORS_ORIGINS: z
		.string()
		.optional()
		.transform((s) =>
			s
				? s
						.split(',')
						.map((o) => o.trim())
						.filter(Boolean)
				: []
		),
	TRUST_PROXY: z
		.enum(['0', '1', 'true', 'false', ''], 'TRUST_PROXY must be 1 (behind your own proxy) or 0')
		.optional()
		.transform((v) => v === '1' || v === 'true')
});

export type Env = z.output<typeof envSchema>;

/** Parses `source` (default process.env); exits with a clear message on bad config. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
	const parsed = envSchema.safeParse(source);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
		console.error(`Fieldbook cannot start, the configuration is invalid:\n${lines.join('\n')}`);
		process.exit(1);
	}
	return parsed.data;
}
