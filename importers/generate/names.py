"""Fixed pools the generator draws from: names, cities, streets, e-mail domains, bios.

Plain data, no logic, so the other modules stay about behaviour.
"""

from __future__ import annotations

from typing import NamedTuple


class City(NamedTuple):
    """A place customers live and stores stand in."""

    name: str
    country: str  # ISO 3166-1 alpha-2
    zip_prefix: str
    state: str  # department / canton / province code, as Yelp's `state`
    lat: float
    lon: float
    weight: int  # relative share of customers


FIRST_NAMES: tuple[str, ...] = (
    "Emma", "Léa", "Chloé", "Zoë", "Manon", "Camille", "Inès", "Sarah", "Louise", "Jade",
    "Alice", "Lina", "Julia", "Anaïs", "Hélène", "Céline", "Maëlle", "Gaëlle", "Éloïse", "Clara",
    "Nina", "Rose", "Margaux", "Juliette", "Lucie", "Sophie", "Amélie", "Noémie", "Laura", "Eva",
    "Mila", "Anna", "Victoria", "Olivia", "Mia", "Charlotte", "Elena", "Yasmine", "Aïcha", "Nora",
    "Lucas", "Hugo", "Louis", "Gabriel", "Arthur", "Jules", "Adam", "Raphaël", "Léo", "Noël",
    "Tom", "Nathan", "Théo", "Paul", "Ethan", "Sacha", "Maxime", "Antoine", "Baptiste", "Victor",
    "François", "Jérôme", "Benoît", "José", "Mathis", "Romain", "Julien", "Nicolas", "Thomas",
    "Alexandre", "Samuel", "Karim", "Mehdi", "Omar", "Yanis", "Liam", "Noah", "Oscar", "Felix",
    "Martin", "Simon", "David", "Daniel", "Pierre", "Quentin", "Florian", "Kevin", "Damien",
)  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet",
    "François", "Martinez", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
    "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu", "Clément", "Gauthier", "Dumont",
    "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Gérard", "Nguyen", "Boyer",
    "Denis", "Lemaire", "Duval", "Joly", "Gautier", "Roger", "Roche", "Roy", "Noël", "Meyer",
    "Lucas", "Meunier", "Jean", "Perez", "Marchand", "Dufour", "Blanchard", "Marie", "Barbier",
    "Brun", "Dumas", "Brunet", "Schmitt", "Leroux", "Colin", "Fernandez", "Pierre", "Renard",
    "Arnaud", "Rolland", "Caron", "Aubert", "Giraud", "Leclerc", "Vidal", "Bourgeois", "Renaud",
    "Lemoine", "Picard", "Gaillard", "Philippe", "Leclercq", "Lacroix", "Fabre", "Dupuis",
    "Olivier", "Rodriguez", "Da Silva", "Hubert", "Louis", "Charles", "Guillot", "Rivière",
    "Le Gall", "Benoît",
    "Peeters", "Janssens", "Maes", "Jacobs", "Favre", "Keller", "Weber", "Huber", "Bianchi",
)  # fmt: skip

# The first cities are where stores open, in this order (3 to 6 of them).
CITIES: tuple[City, ...] = (
    City("Lyon", "FR", "690", "69", 45.7640, 4.8357, 14),
    City("Paris", "FR", "750", "75", 48.8566, 2.3522, 20),
    City("Bordeaux", "FR", "330", "33", 44.8378, -0.5792, 8),
    City("Lille", "FR", "590", "59", 50.6292, 3.0573, 7),
    City("Nantes", "FR", "440", "44", 47.2184, -1.5536, 6),
    City("Marseille", "FR", "130", "13", 43.2965, 5.3698, 7),
    City("Toulouse", "FR", "310", "31", 43.6047, 1.4442, 5),
    City("Grenoble", "FR", "380", "38", 45.1885, 5.7245, 4),
    City("Annecy", "FR", "740", "74", 45.8992, 6.1294, 3),
    City("Montpellier", "FR", "340", "34", 43.6108, 3.8767, 4),
    City("Strasbourg", "FR", "670", "67", 48.5734, 7.7521, 4),
    City("Rennes", "FR", "350", "35", 48.1173, -1.6778, 3),
    City("Nice", "FR", "060", "06", 43.7102, 7.2620, 3),
    City("Dijon", "FR", "210", "21", 47.3220, 5.0415, 2),
    City("Brussels", "BE", "10", "BRU", 50.8503, 4.3517, 4),
    City("Liège", "BE", "40", "WLG", 50.6326, 5.5797, 2),
    City("Geneva", "CH", "12", "GE", 46.2044, 6.1432, 3),
    City("Lausanne", "CH", "10", "VD", 46.5197, 6.6323, 2),
)

STREETS: tuple[str, ...] = (
    "Rue de la République",
    "Rue Victor Hugo",
    "Avenue Jean Jaurès",
    "Rue du Port",
    "Boulevard Gambetta",
    "Rue des Lilas",
    "Place Bellecour",
    "Rue Pasteur",
    "Quai Saint-Antoine",
    "Rue de la Paix",
    "Avenue de la Gare",
    "Rue du Moulin",
    "Rue des Écoles",
    "Chemin des Vignes",
    "Rue Nationale",
    "Cours Lafayette",
    "Rue Mercière",
    "Rue Sainte-Catherine",
    "Rue du Château",
)

EMAIL_DOMAINS: tuple[str, ...] = (
    "mail.example",
    "inbox.example",
    "post.example",
    "webmail.example",
    "example.com",
    "example.org",
    "example.net",
    "courriel.example",
)

BIOS: tuple[str, ...] = (
    "Coffee first ☕",
    "Runner, reader, part-time stylist",
    "Vintage lover 🧵",
    "",
    "Design student",
    "Dad of two. Bad jokes included.",
    "Slow fashion advocate 🌱",
    "Cycling everywhere 🚲",
    "Photographer | traveller",
    "Tea > coffee",
    "",
    "Marketing by day, cook by night",
    "Sneakerhead",
    "Dog person 🐶",
    "Books, bikes, brunch",
    "Minimal wardrobe, maximal life",
    "",
)

EMPLOYEE_ROLES: dict[str, tuple[str, ...]] = {
    "Retail": ("Sales Associate", "Sales Associate", "Stylist", "Store Manager"),
    "Customer Care": ("Customer Care Agent",),
    "Social": ("Community Manager",),
    "E-commerce": ("E-commerce Specialist",),
}
