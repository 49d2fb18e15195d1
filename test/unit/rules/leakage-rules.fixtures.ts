/** Realistic notebook openings shared by the leakage and evaluation rule tests. */
export const IMPORTS = [
  'import pandas as pd',
  'from sklearn.model_selection import train_test_split, cross_val_score, GridSearchCV',
  'from sklearn.preprocessing import StandardScaler',
  'from sklearn.ensemble import RandomForestClassifier',
  'from sklearn.linear_model import LogisticRegression',
  'from sklearn.neighbors import KNeighborsClassifier',
  'from sklearn.metrics import accuracy_score, classification_report',
].join('\n');

export const LOAD = 'df = pd.read_csv("data/customers.csv")\nX = df.drop(columns=["churned"])\ny = df["churned"]';
