"""Who is who, read once per import: customers and employees by id and e-mail, products by SKU.

Orders, interaction logs and e-mails name people by address or id; the directory turns those
into the ids the graph uses. It is loaded from the graph (thin reads) and then used as plain data.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.store import reads
from graph.store.repository import Repository


@dataclass
class Directory:
    """Plain lookup tables; see :func:`load_directory`."""

    customers_by_email: dict[str, str] = field(default_factory=dict)
    customer_ids: set[str] = field(default_factory=set)
    employees_by_email: dict[str, str] = field(default_factory=dict)
    employee_ids: set[str] = field(default_factory=set)
    employee_signatures: dict[str, str] = field(default_factory=dict)
    employee_names: dict[str, str] = field(default_factory=dict)
    employee_accounts: dict[str, str] = field(default_factory=dict)  # account id -> employee
    product_ids: set[str] = field(default_factory=set)
    customers_by_phone: dict[str, str] = field(default_factory=dict)  # E.164 -> customer
    consent: dict[str, bool] = field(default_factory=dict)  # customer -> accepts marketing

    def customer(self, key: str) -> str | None:
        """The customer id for an id, an e-mail address or an E.164 phone, if known."""
        key = key.strip()
        if key in self.customer_ids:
            return key
        return self.customers_by_email.get(key.lower()) or self.customers_by_phone.get(key)

    def employee(self, key: str) -> str | None:
        """The employee id for an id, an e-mail address or a full name, if known."""
        key = key.strip()
        if key in self.employee_ids:
            return key
        found = self.employees_by_email.get(key.lower())
        if found is None:
            named = [e for e, name in self.employee_names.items() if name.lower() == key.lower()]
            found = named[0] if len(named) == 1 else None
        return found


def load_directory(repository: Repository, *, customers: bool = True) -> Directory:
    """Read the directory from the graph; ``customers=False`` leaves the customers out (the
    enrichment of posts needs only the staff and the products: at 100,000 customers reading
    them was 0.7 s of every import of posts)."""
    directory = Directory()
    if customers:
        _read_customers(repository, directory)
    for row in repository.read("read/directory_employees"):
        directory.employee_ids.add(row["id"])
        directory.employee_names[row["id"]] = row.get("name") or row["id"]
        if row.get("email"):
            directory.employees_by_email[str(row["email"]).lower()] = row["id"]
        if row.get("signature"):
            directory.employee_signatures[str(row["signature"]).strip().lstrip("^")] = row["id"]
        for account in row.get("handles") or []:
            directory.employee_accounts[account] = row["id"]
    directory.product_ids = {row["sku"] for row in repository.read("read/catalog_products")}
    return directory


def _read_customers(repository: Repository, directory: Directory) -> None:
    for row in reads.chunked(repository, "read/directory_customers"):
        directory.customer_ids.add(row["id"])
        if row.get("email"):
            directory.customers_by_email[str(row["email"]).lower()] = row["id"]
        if row.get("phone"):
            directory.customers_by_phone.setdefault(str(row["phone"]), row["id"])
        if isinstance(row.get("acceptsMarketing"), bool):
            directory.consent[row["id"]] = row["acceptsMarketing"]
