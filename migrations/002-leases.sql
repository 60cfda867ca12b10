-- Fenced leases (DESIGN §6): whoever acts on a resource with upstream side effects (an
-- Idempotency-Key, an order's fulfilment pass, the manifest run) holds its lease. The holder
-- renews it while it works; every write it makes after an upstream call checks, in the same
-- transaction, that it still owns it; a lease whose holder stopped renewing may be taken over
-- once it has expired. Times come from the database clock, which every replica shares.
CREATE TABLE leases (
  name         text        PRIMARY KEY,
  owner        uuid        NOT NULL,
  expires_at   timestamptz NOT NULL,
  acquired_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX leases_expiry ON leases (expires_at);

-- An idempotency key's lease now lives in `leases`.
ALTER TABLE idempotency_keys DROP COLUMN locked_until;

-- PRO orders that may exist beside the one an order row names: a select-as-order whose answer was
-- lost (PRO has no order search, so it is known only by the CheckoutOrderId metadata it carries) or
-- one made by a confirm that had lost its lease. Listed for staff to cancel in PRO.
CREATE TABLE spare_orders (
  id                   bigserial   PRIMARY KEY,
  order_id             uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  pro_order_reference  text,                               -- null when the answer was lost
  reason               text        NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX spare_orders_order ON spare_orders (order_id);

-- Single use (DESIGN §6): a PRO option reference becomes at most one order. The row goes with its
-- order when PRO certainly did not create it, so the option can be tried again.
CREATE TABLE option_uses (
  option_id  text        PRIMARY KEY,
  order_id   uuid        NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now()
);
