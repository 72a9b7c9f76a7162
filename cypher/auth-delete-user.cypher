// Deletes an account and its sessions (server/auth.ts).
MATCH (u:User {username: $username})
OPTIONAL MATCH (s:Session)-[:OF]->(u)
DETACH DELETE s, u
RETURN count(*) AS deleted
