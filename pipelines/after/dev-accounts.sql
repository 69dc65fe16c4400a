-- Runs after every refresh in the NEW dev database (never in the source), once its rows, indexes and constraints are
-- in and before the leak verification and the swap: name it in a pipeline with
--   after: [after/dev-accounts.sql]
-- The whole file is one transaction: a failing statement fails the run (exit 1, "after script FILE:LINE: ...") and
-- the dev database stays as it was. Verification runs after it, so copying a real value in here fails the run too.
-- Written for the Vibe Code Academy sample (devdbseed sample create); adapt the tables to your schema.

-- Known test logins, the same after every refresh: ids below zero never meet the application's own (identity) ids.
INSERT INTO public.users (id, email, first_name, last_name, country_code, status, created_at, updated_at)
VALUES (-1, 'dev-admin@example.com', 'Dev', 'Admin', 'US', 'active', now(), now()),
       (-2, 'dev-learner@example.com', 'Dev', 'Learner', 'US', 'active', now(), now())
ON CONFLICT (id) DO UPDATE SET email = EXCLUDED.email, status = EXCLUDED.status, updated_at = EXCLUDED.updated_at;

-- The test learner is enrolled in the first course, so that a course page shows progress at once.
INSERT INTO public.enrolments (user_id, course_id, status, enrolled_at)
SELECT -2, id, 'active', now() FROM public.courses ORDER BY id LIMIT 1
ON CONFLICT (user_id, course_id) DO NOTHING;

-- Nobody is mailed from a dev database: its newsletter list is emptied (the masked addresses are example.com ones anyway).
DELETE FROM public.newsletter_subscriptions;

-- In your schema, the same idea (left as comments: the sample has no such tables):
-- every account signs in with the development password "dev" (pgcrypto's bcrypt; or paste a hash your framework made):
--   UPDATE public.accounts SET password_hash = crypt('dev', gen_salt('bf', 4));
-- webhooks and outgoing mail point at nothing:
--   UPDATE public.webhooks SET url = 'http://127.0.0.1:9/disabled', active = false;
--   UPDATE public.settings SET value = 'smtp://127.0.0.1:1025' WHERE key = 'smtp_url';
