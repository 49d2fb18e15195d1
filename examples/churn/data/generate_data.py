#!/usr/bin/env python3
"""Generate the synthetic customer-churn dataset bundled with the Liftoff example.

Deterministic: the same seed always produces byte-identical output, so
customers.csv can be regenerated and diffed safely.

    /usr/bin/python3 examples/churn/data/generate_data.py

Shape of the data (intentionally a little messy, like real exports):
  * ~800 unique customers plus a handful of exact duplicate rows
  * missing values in total_charges (brand-new customers), support_calls
    and payment_method
  * a moderate class imbalance (~25% churned)
"""

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20240630
N_CUSTOMERS = 800
N_DUPLICATES = 9
SNAPSHOT_DATE = pd.Timestamp("2024-06-30")
OUT = Path(__file__).resolve().parent / "customers.csv"


def main() -> None:
    rng = np.random.default_rng(SEED)
    n = N_CUSTOMERS

    contract = rng.choice(
        ["month-to-month", "one-year", "two-year"], size=n, p=[0.52, 0.26, 0.22]
    )
    plan = rng.choice(["basic", "standard", "premium"], size=n, p=[0.40, 0.38, 0.22])
    payment_method = rng.choice(
        ["credit_card", "bank_transfer", "electronic_check", "mailed_check"],
        size=n,
        p=[0.30, 0.26, 0.30, 0.14],
    ).astype(object)

    # Tenure: long contracts skew towards long-standing customers.
    tenure_scale = np.select(
        [contract == "month-to-month", contract == "one-year"], [14.0, 28.0], 40.0
    )
    tenure_months = np.clip(rng.exponential(tenure_scale), 0, 72).astype(int)

    base_charge = np.select([plan == "basic", plan == "standard"], [29.0, 59.0], 89.0)
    monthly_charges = np.round(base_charge + rng.normal(0, 8, n), 2)
    monthly_charges = np.clip(monthly_charges, 18.25, 118.75)

    # Total charges ~ tenure * monthly with some price drift; empty for tenure 0.
    drift = rng.normal(1.0, 0.05, n)
    total_charges = np.round(tenure_months * monthly_charges * drift, 2)
    total_charges = np.where(tenure_months == 0, np.nan, total_charges)

    support_calls = rng.poisson(
        np.where(contract == "month-to-month", 2.2, 1.1) + (plan == "basic") * 0.6
    ).astype(float)

    # Churn probability from a logistic model over the "true" drivers.
    logit = (
        -1.70
        + 0.60 * (contract == "month-to-month")
        - 0.90 * (contract == "two-year")
        - 0.11 * tenure_months
        + 0.035 * (monthly_charges - 60)
        + 0.70 * support_calls
        + 0.45 * (payment_method == "electronic_check")
        + rng.normal(0, 0.35, n)
    )
    prob = 1 / (1 + np.exp(-logit))
    churned = (rng.random(n) < prob).astype(int)

    signup_date = SNAPSHOT_DATE - pd.to_timedelta(
        tenure_months * 30 + rng.integers(0, 30, n), unit="D"
    )

    # Sprinkle missing values the way CRM exports tend to have them.
    support_calls[rng.random(n) < 0.03] = np.nan
    payment_method[rng.random(n) < 0.02] = None

    customer_id = [f"C{100000 + i * 7 + int(j)}" for i, j in enumerate(rng.integers(0, 7, n))]

    df = pd.DataFrame(
        {
            "customer_id": customer_id,
            "signup_date": signup_date.strftime("%Y-%m-%d"),
            "tenure_months": tenure_months,
            "monthly_charges": monthly_charges,
            "total_charges": total_charges,
            "contract": contract,
            "payment_method": payment_method,
            "support_calls": pd.array(support_calls, dtype="Int64"),
            "plan": plan,
            "churned": churned,
        }
    )

    # A few exact duplicate rows (double-exported records), placed near the originals.
    dup_idx = np.sort(rng.choice(n, size=N_DUPLICATES, replace=False))
    parts, prev = [], 0
    for i in dup_idx:
        parts.append(df.iloc[prev : i + 1])
        parts.append(df.iloc[[i]])
        prev = i + 1
    parts.append(df.iloc[prev:])
    df = pd.concat(parts, ignore_index=True)

    df.to_csv(OUT, index=False, float_format="%.2f", lineterminator="\n")
    print(
        f"wrote {OUT} rows={len(df)} duplicates={df.duplicated().sum()} "
        f"churn_rate={df['churned'].mean():.3f} missing={df.isna().sum().to_dict()}"
    )


if __name__ == "__main__":
    main()
