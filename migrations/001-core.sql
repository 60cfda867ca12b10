-- The system of record: options handed out, orders, their consignments and documents,
-- idempotency records and manifest batches.

CREATE TABLE option_offers (
  option_id     text        PRIMARY KEY,               -- PRO option reference (EDO-…)
  request_key   text        NOT NULL,                  -- hash of the normalised options request
  request       jsonb       NOT NULL,                  -- basket and destination the option was priced for
  option        jsonb       NOT NULL,                  -- the option as shown to the storefront
  cut_off       timestamptz NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX option_offers_request ON option_offers (request_key, cut_off);
CREATE INDEX option_offers_cut_off ON option_offers (cut_off);

CREATE TABLE orders (
  id                  uuid        PRIMARY KEY,
  merchant_reference  text        NOT NULL,
  pro_order_reference text        UNIQUE,              -- EO-…, null until PRO created the order
  option_id           text        NOT NULL,
  option_snapshot     jsonb       NOT NULL,
  items               jsonb       NOT NULL,
  destination         jsonb       NOT NULL,
  metadata            jsonb       NOT NULL DEFAULT '{}',
  status              text        NOT NULL,
  status_reason       text,
  attempts            integer     NOT NULL DEFAULT 0,
  token_hash          bytea       NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_status ON orders (status, updated_at);

CREATE TABLE order_events (
  id          bigserial   PRIMARY KEY,
  order_id    uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  status      text        NOT NULL,
  detail      jsonb,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_events_order ON order_events (order_id, id);

CREATE TABLE manifest_batches (
  id                 uuid        PRIMARY KEY,
  shipping_location  text        NOT NULL,
  carrier            text        NOT NULL,
  requested          integer     NOT NULL,
  manifested         integer     NOT NULL DEFAULT 0,
  failed             integer     NOT NULL DEFAULT 0,
  message            text,
  created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE consignments (
  id                 uuid        PRIMARY KEY,
  -- Written before the upstream call that creates the consignment, so a retry after a crash
  -- can find what PRO made (it is sent as the consignment's customer reference).
  intent_key         text        NOT NULL UNIQUE,
  order_id           uuid        REFERENCES orders (id) ON DELETE CASCADE,
  source             text        NOT NULL,             -- 'checkout' | 'staff'
  reference          text        UNIQUE,               -- EC-…, null until PRO created it
  shipping_location  text,
  state              text        NOT NULL,
  carrier            text,
  service            text,
  service_reference  text,
  tracking_numbers   text[]      NOT NULL DEFAULT '{}',
  details            jsonb       NOT NULL DEFAULT '{}',
  manifest_batch_id  uuid        REFERENCES manifest_batches (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consignments_order ON consignments (order_id);
CREATE INDEX consignments_state ON consignments (state, shipping_location, carrier);

CREATE TABLE documents (
  consignment_id  uuid        NOT NULL REFERENCES consignments (id) ON DELETE CASCADE,
  kind            text        NOT NULL,                -- 'label' | 'customs'
  name            text        NOT NULL,                -- label format or customs file name
  content_type    text        NOT NULL,
  data            bytea       NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consignment_id, kind, name)
);

-- Keys are stored hashed; the secret part of a stored response (the order token) is sealed with a
-- key derived from the Idempotency-Key itself, so only a caller presenting the key can replay it.
CREATE TABLE idempotency_keys (
  scope            text        NOT NULL,
  key_hash         text        NOT NULL,
  request_hash     text        NOT NULL,
  state            text        NOT NULL,               -- 'in_progress' | 'completed'
  locked_until     timestamptz NOT NULL,               -- an in-progress request past this is taken over
  resource_id      uuid,
  sealed_secret    bytea,
  response_status  integer,
  response_body    jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz NOT NULL,
  PRIMARY KEY (scope, key_hash)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
