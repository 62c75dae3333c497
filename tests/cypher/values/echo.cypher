// Purpose: (tests) the parameters back as one row, each kind of value through Bolt both ways.
// Parameters: $when (a datetime), $items (a list), $map (a map), $nothing (null), $number,
// $text.
// Returns: when, items, map, nothing, number, text.
RETURN $when AS when, $items AS items, $map AS map, $nothing AS nothing, $number AS number,
       $text AS text
