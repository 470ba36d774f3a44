<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR">
<context>
    <name>App</name>
    <message>
        <location filename="../../audience_desktop/app.py" line="143" />
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/app.py" line="145" />
        <source>Something unexpected went wrong. Nothing you created is lost: every attempt is in the history. The details are in the log (Help ▸ Open Log Folder).</source>
        <translation>Un problème inattendu est survenu. Rien de ce que vous avez créé n'est perdu : chaque tentative figure dans l'historique. Les détails se trouvent dans le journal (Aide ▸ Ouvrir le dossier des journaux).</translation>
    </message>
</context>
<context>
    <name>AudienceForm</name>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="22" />
        <source>Name of the audience, e.g. Summer buyers</source>
        <translation>Nom de l'audience, par ex. Acheteurs d'été</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="23" />
        <source>Optional</source>
        <translation>Facultatif</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="24" />
        <source>e.g. agora</source>
        <translation>par ex. agora</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="25" />
        <source>e.g. Agora_Collaboration</source>
        <translation>par ex. Agora_Collaboration</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="33" />
        <source>&amp;Name:</source>
        <translation>&amp;Nom :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="34" />
        <source>&amp;Description:</source>
        <translation>&amp;Description :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="35" />
        <source>Names&amp;pace:</source>
        <translation>&amp;Espace de noms :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="36" />
        <source>&amp;Origin name:</source>
        <translation>Nom d'&amp;origine :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="39" />
        <source>Audience name</source>
        <translation>Nom de l'audience</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="40" />
        <source>Audience description</source>
        <translation>Description de l'audience</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="41" />
        <source>Namespace</source>
        <translation>Espace de noms</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="42" />
        <source>Origin name</source>
        <translation>Nom d'origine</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="132" />
        <source>This field is required.</source>
        <translation>Ce champ est obligatoire.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/form.py" line="133" />
        <source>This field cannot be only spaces.</source>
        <translation>Ce champ ne peut pas contenir uniquement des espaces.</translation>
    </message>
</context>
<context>
    <name>DetailsPane</name>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="18" />
        <source>Details of the selected attempt</source>
        <translation>Détails de la tentative sélectionnée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="19" />
        <source>Select an attempt to see its details.</source>
        <translation>Sélectionnez une tentative pour en voir les détails.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="27" />
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="28" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="29" />
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="30" />
        <source>Namespace</source>
        <translation>Espace de noms</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="31" />
        <source>Origin name</source>
        <translation>Nom d'origine</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="32" />
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="33" />
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="34" />
        <source>audienceId</source>
        <translation>audienceId</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="35" />
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="37" />
        <source>HTTP status</source>
        <translation>Statut HTTP</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="40" />
        <source>Error code</source>
        <translation>Code d'erreur</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="41" />
        <source>Request id</source>
        <translation>ID de requête</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="42" />
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="43" />
        <source>Updated</source>
        <translation>Mise à jour</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="44" />
        <source>Endpoint</source>
        <translation>Point de terminaison</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/details.py" line="48" />
        <source>Message:</source>
        <translation>Message :</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="58" />
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="59" />
        <source>Created</source>
        <translation>Créée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="60" />
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="61" />
        <source>Namespace</source>
        <translation>Espace de noms</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="62" />
        <source>Origin name</source>
        <translation>Nom d'origine</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="63" />
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="64" />
        <source>audienceId</source>
        <translation>audienceId</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="71" />
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="72" />
        <source>Succeeded</source>
        <translation>Réussie</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="73" />
        <source>Failed</source>
        <translation>Échouée</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/history_model.py" line="74" />
        <source>Unknown</source>
        <translation>Inconnue</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="90" />
        <source>audience-desktop</source>
        <translation>audience-desktop</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="90" />
        <source> — demo</source>
        <translation> — démo</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="142" />
        <source>Demo mode: audiences are created on a built-in local server, not in Adobe Experience Platform.</source>
        <translation>Mode démo : les audiences sont créées sur un serveur local intégré, pas dans Adobe Experience Platform.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="156" />
        <source>P&amp;rofile:</source>
        <translation>&amp;Profil :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="159" />
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="165" />
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="166" />
        <source>Profiles…</source>
        <translation>Profils…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="182" />
        <source>&amp;Create</source>
        <translation>&amp;Créer</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="185" />
        <source>Create the audience (Ctrl+Return)</source>
        <translation>Créer l'audience (Ctrl+Return)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="192" />
        <source>Working</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="194" />
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="197" />
        <source>Stop waiting: retries stop at once; a request already sent is checked later</source>
        <translation>Arrêter d'attendre : les nouvelles tentatives s'arrêtent tout de suite ; une requête déjà envoyée sera vérifiée plus tard</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="206" />
        <source>Details…</source>
        <translation>Détails…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="219" />
        <source>Fil&amp;ter history:</source>
        <translation>Fil&amp;trer l'historique :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="222" />
        <source>Filter (Ctrl+F)</source>
        <translation>Filtrer (Ctrl+F)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="223" />
        <source>Filter the history</source>
        <translation>Filtrer l'historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="234" />
        <source>History of attempts</source>
        <translation>Historique des tentatives</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="276" />
        <source>&amp;Create Audience</source>
        <translation>&amp;Créer l'audience</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="281" />
        <source>&amp;Filter History</source>
        <translation>&amp;Filtrer l'historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="284" />
        <source>Copy &amp;audienceId</source>
        <translation>Copier l'&amp;audienceId</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="289" />
        <source>Copy as c&amp;URL</source>
        <translation>Copier au format c&amp;URL</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="291" />
        <source>&amp;Use as Template</source>
        <translation>Utiliser comme &amp;modèle</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="294" />
        <source>&amp;Check Unknown Outcome</source>
        <translation>&amp;Vérifier un résultat inconnu</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="297" />
        <source>&amp;Mark as Not Created…</source>
        <translation>Marquer comme &amp;non créée…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="300" />
        <source>&amp;Export History…</source>
        <translation>&amp;Exporter l'historique…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="303" />
        <source>&amp;Profiles…</source>
        <translation>&amp;Profils…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="306" />
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="308" />
        <source>Go to &amp;History</source>
        <translation>Aller à l'&amp;historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="310" />
        <source>&amp;About audience-desktop</source>
        <translation>À &amp;propos d'audience-desktop</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="311" />
        <source>Open &amp;Log Folder</source>
        <translation>Ouvrir le dossier des &amp;journaux</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="320" />
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="326" />
        <source>Hi&amp;story</source>
        <translation>&amp;Historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="332" />
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="348" />
        <source>The profiles could not be read.</source>
        <translation>Impossible de lire les profils.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="358" />
        <source>No profile yet: add one</source>
        <translation>Aucun profil pour l'instant : ajoutez-en un</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="369" />
        <source>No sandbox</source>
        <translation>Aucun sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="372" />
        <source>PRODUCTION sandbox: %1</source>
        <translation>Sandbox de PRODUCTION : %1</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="378" />
        <source>Sandbox: %1</source>
        <translation>Sandbox : %1</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="422" />
        <source>Creating “%1” in sandbox %2…</source>
        <translation>Création de « %1 » dans le sandbox %2…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="427" />
        <source>Create in production?</source>
        <translation>Créer en production ?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="430" />
        <source>Sandbox “%1” is a PRODUCTION sandbox. The audience will be visible to everyone who uses it. Create it there?</source>
        <translation>Le sandbox « %1 » est un sandbox de PRODUCTION. L'audience sera visible par tous ceux qui l'utilisent. La créer dans ce sandbox ?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="444" />
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="464" />
        <source>“%1” is marked as not created.</source>
        <translation>« %1 » est marquée comme non créée.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="479" />
        <source>Checked %1 earlier attempt(s) whose outcome was unknown.</source>
        <translation>%1 tentative(s) précédente(s) au résultat inconnu vérifiée(s).</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="494" />
        <source>Created “%1”: audienceId %2</source>
        <translation>« %1 » créée : audienceId %2</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="510" />
        <source>Checked: “%1” exists (audienceId %2).</source>
        <translation>Vérification faite : « %1 » existe (audienceId %2).</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="511" />
        <source>Checked: “%1” was not created; you can create it again.</source>
        <translation>Vérification faite : « %1 » n'a pas été créée ; vous pouvez la créer à nouveau.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="512" />
        <source>Could not settle “%1” yet; try again later.</source>
        <translation>Impossible de trancher pour « %1 » pour l’instant ; réessayez plus tard.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="513" />
        <source>“%1” is still being created; check again later.</source>
        <translation>« %1 » est encore en cours de création ; vérifiez plus tard.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="542" />
        <source>What happened</source>
        <translation>Ce qui s'est passé</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="607" />
        <source>Copied audienceId %1.</source>
        <translation>audienceId %1 copié.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="619" />
        <source>Copied the request as cURL (the token is a placeholder).</source>
        <translation>Requête copiée au format cURL (le jeton est fictif).</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="638" />
        <source>Checking whether “%1” was created…</source>
        <translation>Vérification de la création de « %1 »…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="648" />
        <source>Mark as not created?</source>
        <translation>Marquer comme non créée ?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="651" />
        <source>Only do this after checking in Adobe Experience Platform that “%1” does not exist in sandbox %2. It can then be created again, and if it did exist, there will be two.</source>
        <translation>Ne le faites qu’après avoir vérifié dans Adobe Experience Platform que « %1 » n’existe pas dans le sandbox %2. Elle pourra alors être créée à nouveau ; si elle existait, il y en aura deux.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="673" />
        <source>Export History</source>
        <translation>Exporter l'historique</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="674" />
        <source>CSV files (*.csv);;JSON files (*.json)</source>
        <translation>Fichiers CSV (*.csv);;Fichiers JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="693" />
        <source>The history could not be exported.</source>
        <translation>Impossible d'exporter l'historique.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="695" />
        <source>History exported to %1.</source>
        <translation>Historique exporté vers %1.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="703" />
        <source>About audience-desktop</source>
        <translation>À propos d'audience-desktop</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="706" />
        <source>audience-desktop %1

Create external audiences in Adobe Experience Platform.

Logs: %2</source>
        <translation>audience-desktop %1

Créez des audiences externes dans Adobe Experience Platform.

Journaux : %2</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="760" />
        <source>Quit while creating?</source>
        <translation>Quitter pendant une création ?</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/main_window.py" line="762" />
        <source>A create is still waiting for Adobe's answer. If you quit now, the history keeps it as pending and checks it later. Quit anyway?</source>
        <translation>Une création attend encore la réponse d'Adobe. Si vous quittez maintenant, l'historique la garde en attente et la vérifiera plus tard. Quitter quand même ?</translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="43" />
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="58" />
        <source>Profiles</source>
        <translation>Profils</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="60" />
        <source>&amp;New</source>
        <translation>&amp;Nouveau</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="62" />
        <source>&amp;Remove</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="72" />
        <source>Profile name</source>
        <translation>Nom du profil</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="73" />
        <source>Organization id</source>
        <translation>ID d'organisation</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="74" />
        <source>Client id</source>
        <translation>ID client</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="77" />
        <source>Credential type</source>
        <translation>Type d'identifiants</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="78" />
        <source>OAuth Server-to-Server (client secret)</source>
        <translation>OAuth Server-to-Server (secret client)</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="80" />
        <source>Access token pasted from Developer Console</source>
        <translation>Jeton d'accès collé depuis Developer Console</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="83" />
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="225" />
        <source>Client secret</source>
        <translation>Secret client</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="85" />
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="222" />
        <source>Client &amp;secret:</source>
        <translation>S&amp;ecret client :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="89" />
        <source>Sandbox</source>
        <translation>Sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="90" />
        <source>Use Test connection to pick from your sandboxes</source>
        <translation>Utilisez « Tester la connexion » pour choisir parmi vos sandbox</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="91" />
        <source>Scopes</source>
        <translation>Portées</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="92" />
        <source>Platform URL</source>
        <translation>URL de la plateforme</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="96" />
        <source>API path</source>
        <translation>Chemin de l'API</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="98" />
        <source>IMS token URL</source>
        <translation>URL du jeton IMS</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="102" />
        <source>&amp;Name:</source>
        <translation>No&amp;m :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="103" />
        <source>&amp;Organization id:</source>
        <translation>ID d'&amp;organisation :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="104" />
        <source>&amp;Client id:</source>
        <translation>ID &amp;client :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="105" />
        <source>Credential &amp;type:</source>
        <translation>&amp;Type d'identifiants :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="107" />
        <source>Sand&amp;box:</source>
        <translation>Sand&amp;box :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="108" />
        <source>Sco&amp;pes:</source>
        <translation>&amp;Portées :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="113" />
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="116" />
        <source>Platform &amp;URL:</source>
        <translation>&amp;URL de la plateforme :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="117" />
        <source>API &amp;path:</source>
        <translation>C&amp;hemin de l'API :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="118" />
        <source>&amp;IMS token URL:</source>
        <translation>URL du jeton &amp;IMS :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="124" />
        <source>&amp;Test Connection</source>
        <translation>Teste&amp;r la connexion</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="127" />
        <source>Sa&amp;ve</source>
        <translation>Enre&amp;gistrer</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="199" />
        <source>Stored in the keyring; type a new one to replace it</source>
        <translation>Enregistré dans le trousseau ; saisissez-en un nouveau pour le remplacer</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="222" />
        <source>Access &amp;token:</source>
        <translation>&amp;Jeton d'accès :</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="225" />
        <source>Access token</source>
        <translation>Jeton d'accès</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="275" />
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="297" />
        <source>Getting a token and the list of sandboxes…</source>
        <translation>Obtention d'un jeton et de la liste des sandbox…</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="318" />
        <source>Saved. The secret is in the system keyring.</source>
        <translation>Enregistré. Le secret se trouve dans le trousseau du système.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="322" />
        <source>Removed the profile and its keyring entries.</source>
        <translation>Le profil et ses entrées dans le trousseau ont été supprimés.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="341" />
        <source>The token works, but the sandbox list is not permitted; type the sandbox's technical name. </source>
        <translation>Le jeton fonctionne, mais l'accès à la liste des sandbox n'est pas autorisé ; saisissez le nom technique du sandbox. </translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="347" />
        <source>Connection works: %1 sandboxes.</source>
        <translation>La connexion fonctionne : %1 sandbox.</translation>
    </message>
    <message>
        <location filename="../../audience_desktop/ui/profiles_dialog.py" line="361" />
        <source>%1 (%2) — PRODUCTION</source>
        <translation>%1 (%2) — PRODUCTION</translation>
    </message>
</context>
</TS>